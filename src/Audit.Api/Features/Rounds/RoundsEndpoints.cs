using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.Rounds;

public static class RoundsEndpoints
{
    public static IEndpointRouteBuilder MapRounds(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/rounds", "Rounds", Permissions.PrincipalSocialWorker);

        group.MapPost("/", async (PlanRound request, ISender sender, CancellationToken ct) =>
        {
            var planned = await sender.Send(request, ct);
            return TypedResults.Created($"/api/rounds/{planned.Id}", planned);
        });

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetRound(id), ct)));

        return app;
    }
}
