using System.Security.Claims;
using Audit.Api.Auth;

namespace Audit.Api.Infrastructure;

public interface ICurrentUser
{
    /// <summary>The caller's user name, or null outside a signed-in request (start-up, seeding).</summary>
    string? UserName { get; }

    IReadOnlySet<string> Roles { get; }

    Guid? TeamId { get; }

    bool IsIn(string role);

    /// <summary>The council the caller's token names (the claim Tenancy:Claim), or null: then the default council.</summary>
    string? CouncilId => null;
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor, Microsoft.Extensions.Options.IOptions<Tenancy.TenancyOptions> tenancy) : ICurrentUser
{
    private ClaimsIdentity? Identity => accessor.HttpContext?.User.Identity is ClaimsIdentity { IsAuthenticated: true } identity ? identity : null;

    private ClaimsPrincipal? Principal => Identity is null ? null : accessor.HttpContext!.User;

    // The claim types are the ones the bearer handler was configured with (Auth:NameClaim, Auth:RoleClaim).
    // User names match without regard to case: the identity provider's "Ivan.Quill" is the staff member ivan.quill.
    public string? UserName => Domain.Users.UserNames.CanonicalOrNull(Identity?.Name);

    public IReadOnlySet<string> Roles =>
        Identity?.FindAll(Identity.RoleClaimType).Select(c => c.Value).Where(Domain.Users.Role.IsKnown).ToHashSet(StringComparer.Ordinal) ?? [];

    public Guid? TeamId => Guid.TryParse(Principal?.FindFirstValue(AuditClaims.TeamId), out var id) ? id : null;

    public bool IsIn(string role) => Principal?.IsInRole(role) ?? false;

    public string? CouncilId => Principal?.FindFirstValue(tenancy.Value.Claim);
}
