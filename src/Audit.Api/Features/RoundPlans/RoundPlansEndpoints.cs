using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.RoundPlans;

public static class RoundPlansEndpoints
{
    public static IEndpointRouteBuilder MapRoundPlans(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/round-plans", "Recurring rounds", Permissions.PrincipalSocialWorker);

        group.MapGet("/", async (ISender sender, HttpResponse response, int? skip, int? take, CancellationToken ct) =>
            TypedResults.Ok(response.WithTotal(await sender.Send(new ListRoundPlans(skip ?? 0, take ?? ListRoundPlans.DefaultTake), ct))))
            .WithSummary("List the recurring round plans");

        group.MapPost("/", async (CreateRoundPlan request, ISender sender, CancellationToken ct) =>
        {
            var plan = await sender.Send(request, ct);
            return TypedResults.Created($"/api/round-plans/{plan.Id}", plan);
        })
            .WithSummary("Plan recurring rounds");

        group.MapPost("/{id:guid}/pause", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetRoundPlanActive(id, Active: false), ct)))
            .WithSummary("Pause a round plan");

        group.MapPost("/{id:guid}/resume", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetRoundPlanActive(id, Active: true), ct)))
            .WithSummary("Resume a paused round plan");

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetRoundPlan(id), ct)))
            .WithSummary("Get a round plan and the next dates it opens a round");

        group.MapPut("/{id:guid}", async (Guid id, RoundPlanEditBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(EditRoundPlan.Of(id, body), ct)))
            .WithSummary("Edit a round plan");

        // Last, so that the access matrix walks every other plan endpoint before the plan is gone.
        group.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new DeleteRoundPlan(id), ct);
            return TypedResults.NoContent();
        })
            .WithSummary("Delete a round plan (rounds it opened carry on)");

        return app;
    }
}
