using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Tenancy;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Auth;

/// <summary>Demo sign-in for the Development environment only. Elsewhere these routes do not exist (404).</summary>
public static class DevAuthEndpoints
{
    public sealed record DevUser(string UserName, string DisplayName, IReadOnlyList<string> Roles, Guid? TeamId);

    /// <param name="Council">The demo user's council; none for the default council.</param>
    public sealed record TokenRequest(string? UserName, string? Council = null);

    public sealed record TokenResponse(string Token);

    public static IEndpointRouteBuilder MapDevAuth(this IEndpointRouteBuilder app)
    {
        var dev = app.MapGroup("/api/dev").AllowAnonymous().WithTags("Development sign-in");

        dev.MapGet("/users", async (ISender sender, CancellationToken ct) =>
            (await sender.Send(new ListDemoPeople(), ct))
                .Select(p => new DevUser(p.UserName, p.DisplayName, p.Roles, p.TeamId))
                .ToList())
            .WithSummary("List the demo users (Development only)");

        // Tokens live in wall-clock time, which the bearer handler checks, whatever clock the audit rules run on.
        dev.MapPost("/token", async Task<Results<Ok<TokenResponse>, ValidationProblem>> (
            TokenRequest request, AuditDbContext db, CurrentCouncil council, TokenSigning signing, Microsoft.Extensions.Options.IOptionsMonitor<TenancyOptions> tenancy, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.UserName))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = ["Give a demo user name."] });
            }

            if (!tenancy.CurrentValue.Knows(request.Council))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["council"] = [$"This service does not serve a council '{request.Council}' (Tenancy:Councils names those it does)."] });
            }

            var userName = UserNames.Canonical(request.UserName);
            using var inCouncil = council.Enter(request.Council ?? CurrentCouncil.Default);
            var member = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.UserName == userName, ct);
            return member is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = [$"There is no demo user '{request.UserName}'. GET /api/dev/users lists them."] })
                : TypedResults.Ok(new TokenResponse(signing.IssueFor(member, council.Id, DateTimeOffset.UtcNow)));
        }).RequireRateLimiting(Hardening.SignInPolicy)
            .WithSummary("Get a bearer token for a demo user (Development only)");

        return app;
    }
}
