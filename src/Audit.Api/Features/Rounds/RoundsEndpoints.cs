using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.Rounds;

public static class RoundsEndpoints
{
    public static IEndpointRouteBuilder MapRounds(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/rounds", "Rounds", Permissions.PrincipalSocialWorker);

        group.MapGet("/", async (ISender sender, HttpResponse response, CancellationToken ct, int skip = 0, int take = ListRounds.DefaultTake) =>
            TypedResults.Ok(response.WithTotal(await sender.Send(new ListRounds(skip, take), ct))))
            .WithSummary("List rounds");

        group.MapPost("/", async (PlanRound request, ISender sender, CancellationToken ct) =>
        {
            var planned = await sender.Send(request, ct);
            return TypedResults.Created($"/api/rounds/{planned.Id}", planned);
        })
            .WithSummary("Plan a round: one audit for each case file");

        group.MapPost("/preview", async (PreviewRound request, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(request, ct)))
            .WithSummary("Preview the sample a round would take");

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetRound(id), ct)))
            .WithSummary("Get a round and its audits' progress");

        return app;
    }
}
