using Audit.Api.Infrastructure;
using Audit.Api.Auth;
using Audit.Domain.Actions;
using Mediator;

namespace Audit.Api.Features.Actions;

public static class ActionsEndpoints
{
    public static IEndpointRouteBuilder MapActions(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/actions", "Follow-up actions", Permissions.Managers);

        group.MapGet("/", async (bool? mine, ActionStatus? status, int? skip, int? take, ISender sender, HttpResponse response, CancellationToken ct) =>
            TypedResults.Ok(response.WithTotal(await sender.Send(new ListActions(mine ?? false, status, skip ?? 0, take ?? ListActions.DefaultTake), ct))))
            .WithSummary("List follow-up actions");

        group.MapGet("/by-team", async (ISender sender, HttpResponse response, CancellationToken ct) =>
            TypedResults.Ok(response.WithTotal(await sender.Send(new ActionCountsByTeam(), ct))))
            .WithSummary("Count follow-up actions by team");

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetAction(id), ct)))
            .WithSummary("Get a follow-up action");

        group.MapPost("/{id:guid}/close", async (Guid id, CloseActionBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CloseAction(id, body.WhatChanged, body.ReauditAfterWeeks), ct)))
            .WithSummary("Close a follow-up action, saying what changed");

        return app;
    }
}
