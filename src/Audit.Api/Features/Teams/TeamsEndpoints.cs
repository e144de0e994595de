using Audit.Api.Infrastructure;
using Audit.Api.Auth;
using Mediator;

namespace Audit.Api.Features.Teams;

public static class TeamsEndpoints
{
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        app.MapApiGroup("/api/teams", "Teams", Permissions.Staff)
            .MapGet("/", async (ISender sender, HttpResponse response, CancellationToken ct) =>
                TypedResults.Ok(response.WithTotal(await sender.Send(new ListTeams(), ct))))
            .WithSummary("List the teams");
        return app;
    }
}
