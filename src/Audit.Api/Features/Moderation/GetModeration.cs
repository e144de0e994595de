using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using Audit.Workflows.Catalogue;
using Mediator;

namespace Audit.Api.Features.Moderation;

/// <summary>
/// One audit as the moderator needs it: per criterion, each grader's grade and evidence side by side, and why it
/// needs moderation. <see cref="ModerationCase.Waiting"/> is false once it no longer waits (moderated, or cancelled).
/// </summary>
public sealed record GetModeration(Guid AuditId) : IRequest<ModerationCase>;

public sealed record GraderGrade(string Grader, GraderRole Role, Grade Grade, string Evidence);

/// <summary>A criterion with every submitted grader's grade and evidence, and the reasons it needs moderation (none when it does not).</summary>
public sealed record ModerationCriterion(
    Guid CriterionId,
    int Position,
    string Title,
    string Guidance,
    IReadOnlyList<GraderGrade> Grades,
    IReadOnlyList<ModerationReasonDto> Reasons);

public sealed record GraderOverall(string Grader, GraderRole Role, Grade Overall);

public sealed record ModerationCase(
    Guid AuditId,
    string State,
    bool Waiting,
    string Reference,
    string Team,
    ServiceArea ServiceArea,
    string Template,
    IReadOnlyList<GraderOverall> Overall,
    IReadOnlyList<ModerationCriterion> Criteria,
    IReadOnlyList<ModerationReasonDto> Reasons,
    string ReasonText);

internal sealed class GetModerationHandler(AuditDbContext db, AuditWorkflow workflow, AccessLog accessLog)
    : IRequestHandler<GetModeration, ModerationCase>
{
    public async ValueTask<ModerationCase> Handle(GetModeration request, CancellationToken cancellationToken)
    {
        var aggregate = await AuditAggregate.LoadAsync(db, request.AuditId, cancellationToken);
        workflow.Permissions(aggregate).EnsureMaySee();
        var (audit, template, caseFile, team, _) = aggregate;
        var definition = workflow.DefinitionOf(audit);
        var waiting = NeedsModeration.WaitingStates(definition).Contains(audit.State);
        var reasons = ModerationReasons.Of(audit, template, definition);
        var gradings = audit.CountingGradings().OrderBy(g => g.Role).ToList();
        var criteria = template.Criteria.OrderBy(c => c.Position).Select(c => new ModerationCriterion(
            c.Id,
            c.Position,
            c.Title,
            c.Guidance,
            [.. gradings.SelectMany(g => g.Grades.Where(x => x.CriterionId == c.Id).Select(x => new GraderGrade(g.Grader, g.Role, x.Grade, x.Evidence)))],
            [.. reasons.Where(r => r.CriterionId == c.Id)])).ToList();

        accessLog.Record(AccessViews.Moderation, caseFile.Id, audit.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new ModerationCase(
            audit.Id,
            audit.State,
            waiting,
            caseFile.Reference,
            team.Name,
            audit.ServiceArea,
            template.Name,
            [.. gradings.Select(g => new GraderOverall(g.Grader, g.Role, g.Overall))],
            criteria,
            reasons,
            ReasonText(reasons));
    }

    /// <summary>The reasons in one sentence each, criterion by criterion ("Criterion 3, Title: the graders are 2 points apart.").</summary>
    private static string ReasonText(IReadOnlyList<ModerationReasonDto> reasons) =>
        reasons.Count == 0
            ? "No grade needs moderation."
            : string.Join(" ", reasons.Select(r => $"Criterion {r.Position + 1}, {r.Criterion}: {char.ToLowerInvariant(r.Text[0])}{r.Text[1..]}"));
}
