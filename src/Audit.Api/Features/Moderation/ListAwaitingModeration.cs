using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using Audit.Domain.Templates;
using Audit.Workflows.Catalogue;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Moderation;

/// <summary>Audits waiting for the principal social worker to moderate, the longest waiting first, a page at a time.</summary>
public sealed record ListAwaitingModeration(int Skip = 0, int Take = ListAwaitingModeration.DefaultTake) : IRequest<Paged<ModerationQueueItem>>
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;
}

/// <summary>
/// Why a criterion needs moderation, from the same rule the workflow's <c>needsModeration</c> guard decides with:
/// a grade at or below the forcing grade (<see cref="Grade"/>), or graders <see cref="PointsApart"/> points apart.
/// <see cref="Text"/> says it in words.
/// </summary>
public sealed record ModerationReasonDto(Guid CriterionId, int Position, string Criterion, ModerationReasonKind Kind, Grade? Grade, int? PointsApart, string Text);

public sealed record ModerationQueueItem(
    Guid AuditId,
    string Reference,
    string Team,
    ServiceArea ServiceArea,
    string Round,
    string Template,
    DateTimeOffset WaitingSince,
    IReadOnlyList<ModerationReasonDto> Reasons);

internal sealed class ListAwaitingModerationValidator : AbstractValidator<ListAwaitingModeration>
{
    public ListAwaitingModerationValidator()
    {
        RuleFor(x => x.Skip).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Take).InclusiveBetween(1, ListAwaitingModeration.MaxTake);
    }
}

internal sealed class ListAwaitingModerationHandler(AuditDbContext db, WorkflowRegistryHolder registry, AccessLog accessLog)
    : IRequestHandler<ListAwaitingModeration, Paged<ModerationQueueItem>>
{
    public async ValueTask<Paged<ModerationQueueItem>> Handle(ListAwaitingModeration request, CancellationToken cancellationToken)
    {
        // "workflow|state" for every state of every loaded definition in which an audit waits for the moderator.
        var waiting = registry.All
            .SelectMany(d => NeedsModeration.WaitingStates(d).Select(state => d.Name + "|" + state))
            .Distinct()
            .ToList();
        var query = db.Audits.AsNoTracking()
            .Where(a => waiting.Contains(a.Workflow.Name + "|" + a.State))
            .Select(a => new
            {
                a.Id,
                WaitingSince = db.History.Where(h => h.AuditId == a.Id && h.ToState == a.State).Max(h => h.Sequence),
            })
            .Join(db.History, x => new { AuditId = x.Id, Sequence = x.WaitingSince }, h => new { h.AuditId, h.Sequence }, (x, h) => new { x.Id, h.At })
            .OrderBy(x => x.At).ThenBy(x => x.Id);
        var (total, rows) = await query.PageAsync(request.Skip, request.Take, cancellationToken);

        var ids = rows.Select(r => r.Id).ToList();
        var audits = await db.Audits.AsNoTracking()
            .Include(a => a.Gradings).ThenInclude(g => g.Grades)
            .AsSplitQuery()
            .Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var templateIds = audits.Values.Select(a => a.TemplateId).Distinct().ToList();
        var templates = await db.Templates.AsNoTracking().Include(t => t.Criteria)
            .Where(t => templateIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var details = await db.Audits.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Join(db.CaseFiles, a => a.CaseFileId, c => c.Id, (a, c) => new { a.Id, a.TeamId, a.RoundId, c.Reference })
            .Join(db.Teams, x => x.TeamId, t => t.Id, (x, t) => new { x.Id, x.RoundId, x.Reference, Team = t.Name })
            .Join(db.Rounds, x => x.RoundId, r => r.Id, (x, r) => new { x.Id, x.Reference, x.Team, Round = r.Name })
            .ToDictionaryAsync(x => x.Id, cancellationToken);

        var items = rows.Select(row =>
        {
            var audit = audits[row.Id];
            var template = templates[audit.TemplateId];
            var detail = details[row.Id];
            return new ModerationQueueItem(
                audit.Id, detail.Reference, detail.Team, audit.ServiceArea, detail.Round, template.Name, row.At,
                ModerationReasons.Of(audit, template, registry.FindOrLoad(db, audit.Workflow.Name, audit.Workflow.Version)));
        }).ToList();

        accessLog.Record(AccessViews.ModerationQueue, items.Select(i => (audits[i.AuditId].CaseFileId, (Guid?)i.AuditId)));
        await db.SaveChangesAsync(cancellationToken);
        return new Paged<ModerationQueueItem>(items, total);
    }
}

/// <summary>The reasons an audit needs moderation, in words, from the rule its own workflow version moderates by.</summary>
internal static class ModerationReasons
{
    public static IReadOnlyList<ModerationReasonDto> Of(CaseFileAudit audit, Template template, Audit.Workflows.Definitions.WorkflowDefinition? definition)
    {
        if (definition is null || NeedsModeration.RuleInto(definition, audit.State) is not { } rule)
        {
            return [];
        }

        // The reasons' criterion indexes are positions in the list the grades were read from: the template's own.
        var criteria = template.Criteria;
        return [.. rule.ReasonsFor(audit.GradesByCriterion(template)).Select(reason =>
        {
            var criterion = criteria[reason.Criterion];
            var text = reason.Kind == ModerationReasonKind.ForcingGrade
                ? $"A grader graded it {Words(reason.Grade!.Value)}."
                : $"The graders are {reason.Points} points apart.";
            return new ModerationReasonDto(criterion.Id, criterion.Position, criterion.Title, reason.Kind, reason.Grade, reason.Points, text);
        })];
    }

    public static string Words(Grade grade) => grade switch
    {
        Grade.RequiresImprovement => "Requires improvement",
        _ => grade.ToString(),
    };
}
