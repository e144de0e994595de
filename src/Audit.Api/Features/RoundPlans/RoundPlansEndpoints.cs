using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.RoundPlans;

public static class RoundPlansEndpoints
{
    public static IEndpointRouteBuilder MapRoundPlans(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/round-plans", "Recurring rounds", Permissions.PrincipalSocialWorker);

        group.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListRoundPlans(), ct)));

        group.MapPost("/", async (CreateRoundPlan request, ISender sender, CancellationToken ct) =>
        {
            var plan = await sender.Send(request, ct);
            return TypedResults.Created($"/api/round-plans/{plan.Id}", plan);
        });

        group.MapPost("/{id:guid}/pause", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetRoundPlanActive(id, Active: false), ct)));

        group.MapPost("/{id:guid}/resume", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetRoundPlanActive(id, Active: true), ct)));

        return app;
    }
}
