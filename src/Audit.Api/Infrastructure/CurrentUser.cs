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
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public string? UserName => Principal?.FindFirstValue(AuditClaims.UserName);

    public IReadOnlySet<string> Roles =>
        Principal?.FindAll(AuditClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal) ?? [];

    public Guid? TeamId => Guid.TryParse(Principal?.FindFirstValue(AuditClaims.TeamId), out var id) ? id : null;

    public bool IsIn(string role) => Principal?.IsInRole(role) ?? false;
}
