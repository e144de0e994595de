using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.Audits;

public static class AuditsEndpoints
{
    public static IEndpointRouteBuilder MapAudits(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/audits", "Audits", Permissions.AuditParticipants);

        group.MapGet("/", async (bool? mine, string? state, int? skip, int? take, ISender sender, HttpResponse response, CancellationToken ct) =>
            TypedResults.Ok(response.WithTotal(await sender.Send(new ListAudits(mine ?? false, state, skip ?? 0, take ?? ListAudits.DefaultTake), ct))));

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetAudit(id), ct)));

        group.MapGet("/{id:guid}/young-assessor-preview", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetYoungAssessorPreview(id), ct)));

        group.MapGet("/{id:guid}/history/verify", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new VerifyHistory(id), ct)));

        group.MapPost("/{id:guid}/gradings", async (Guid id, SubmitGradingBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SubmitGrading(id, body.Grades, body.Overall), ct)));

        group.MapGet("/{id:guid}/draft", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetGradingDraft(id), ct)));

        group.MapPut("/{id:guid}/draft", async (Guid id, SaveGradingDraftBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SaveGradingDraft(id, body.Grades, body.Overall), ct)));

        group.MapPost("/{id:guid}/moderation", async (Guid id, ModerateAuditBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ModerateAudit(id, body.Grades, body.Overall), ct)));

        group.MapPost("/{id:guid}/concerns", async (Guid id, RaiseConcernBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RaiseConcern(id, body.Description), ct)));

        group.MapPost("/{id:guid}/cancel", async (Guid id, CancelAuditBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CancelAudit(id, body.Reason), ct)));

        return app;
    }
}
