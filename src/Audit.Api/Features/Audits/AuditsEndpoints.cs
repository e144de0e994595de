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
            TypedResults.Ok(response.WithTotal(await sender.Send(new ListAudits(mine ?? false, state, skip ?? 0, take ?? ListAudits.DefaultTake), ct))))
            .WithSummary("List the audits the caller may see");

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetAudit(id), ct)))
            .WithSummary("Get an audit (a young assessor sees it without identifying details)");

        group.MapGet("/{id:guid}/young-assessor-preview", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetYoungAssessorPreview(id), ct)))
            .WithSummary("Preview what the audit's young assessor will see");

        group.MapGet("/{id:guid}/history/verify", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new VerifyHistory(id), ct)))
            .WithSummary("Verify the audit's history hash chain");

        group.MapPost("/{id:guid}/gradings", async (Guid id, SubmitGradingBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SubmitGrading(id, body.Grades, body.Overall), ct)))
            .WithSummary("Submit the caller's grading of an audit");

        group.MapGet("/{id:guid}/draft", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetGradingDraft(id), ct)))
            .WithSummary("Get the caller's saved grading draft");

        group.MapPut("/{id:guid}/draft", async (Guid id, SaveGradingDraftBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SaveGradingDraft(id, body.Grades, body.Overall), ct)))
            .WithSummary("Save the caller's grading draft");

        group.MapPost("/{id:guid}/moderation", async (Guid id, ModerateAuditBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ModerateAudit(id, body.Grades, body.Overall), ct)))
            .WithSummary("Moderate an audit's grades");

        group.MapPost("/{id:guid}/concerns", async (Guid id, RaiseConcernBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RaiseConcern(id, body.Description), ct)))
            .WithSummary("Raise a concern about an audit");

        group.MapPost("/{id:guid}/cancel", async (Guid id, CancelAuditBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CancelAudit(id, body.Reason), ct)))
            .WithSummary("Cancel an audit");

        // The young assessor's own: the same requests, answered in shapes that hold only what they may see.
        var reviews = app.MapApiGroup("/api/reviews", "Young assessor's reviews", Permissions.YoungAssessors);

        reviews.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(YoungAssessorReview.Of(await sender.Send(new GetAudit(id), ct))))
            .WithSummary("Get one of the caller's reviews, as a young assessor sees it");

        reviews.MapPost("/{id:guid}/gradings", async (Guid id, SubmitGradingBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(YoungAssessorReview.Of(await sender.Send(new SubmitGrading(id, body.Grades, body.Overall), ct))))
            .WithSummary("Submit the caller's grading of their review, as a young assessor");

        return app;
    }
}
