using Audit.Api.Auth;
using Mediator;

namespace Audit.Api.Features.Teams;

public static class TeamsEndpoints
{
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/teams").WithTags("Teams").RequireAuthorization(AuthSetup.Staff)
            .MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListTeams(), ct)));
        return app;
    }
}
