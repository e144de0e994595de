using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Calendar;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Rounds;

/// <summary>Rounds newest first, a page at a time, each with its progress.</summary>
public sealed record ListRounds(int Skip = 0, int Take = ListRounds.DefaultTake) : IRequest<Paged<RoundSummaryDto>>
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;
}

/// <summary>
/// How far a round's audits have got, counted from the states of <c>workflows/case-file-audit.json</c>:
/// <see cref="Graded"/> is every audit whose grading is finished (it has moved on from Grading other than by being
/// cancelled: in moderation, with actions open, or completed); <see cref="ActionsOpen"/> the audits whose follow-up
/// actions are still open; <see cref="Overdue"/> the audits still being graded after the round's due date.
/// </summary>
public sealed record RoundProgress(int Total, int Graded, int InModeration, int ActionsOpen, int Completed, int Cancelled, int Overdue)
{
    public const string Grading = "Grading";
    public const string Moderation = "Moderation";
    public const string ActionsOpenState = "ActionsOpen";
    public const string CompletedState = "Completed";
    public const string CancelledState = "Cancelled";

    public static readonly RoundProgress None = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>The progress of each round named, in one grouped query over their audits; a round with no audits is left out.</summary>
    internal static Task<Dictionary<Guid, RoundProgress>> OfAsync(AuditDbContext db, IReadOnlyList<Guid> roundIds, DateOnly today, CancellationToken ct) =>
        (from audit in db.Audits
         join round in db.Rounds on audit.RoundId equals round.Id
         where roundIds.Contains(round.Id)
         group new { audit.State, round.DueOn } by round.Id into g
         select new
         {
             g.Key,
             Progress = new RoundProgress(
                 g.Count(),
                 g.Count(a => a.State != Grading && a.State != CancelledState),
                 g.Count(a => a.State == Moderation),
                 g.Count(a => a.State == ActionsOpenState),
                 g.Count(a => a.State == CompletedState),
                 g.Count(a => a.State == CancelledState),
                 g.Count(a => a.State == Grading && a.DueOn < today)),
         })
        .ToDictionaryAsync(x => x.Key, x => x.Progress, ct);
}

public sealed record RoundSummaryDto(
    Guid Id,
    string Name,
    Guid TemplateId,
    string TemplateName,
    int TemplateVersion,
    DateOnly DueOn,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    RoundProgress Progress);

internal sealed class ListRoundsValidator : AbstractValidator<ListRounds>
{
    public ListRoundsValidator()
    {
        RuleFor(x => x.Skip).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Take).InclusiveBetween(1, ListRounds.MaxTake);
    }
}

internal sealed class ListRoundsHandler(AuditDbContext db, TimeProvider clock, CouncilCalendar calendar) : IRequestHandler<ListRounds, Paged<RoundSummaryDto>>
{
    public async ValueTask<Paged<RoundSummaryDto>> Handle(ListRounds request, CancellationToken cancellationToken)
    {
        var (total, rounds) = await (
                from round in db.Rounds.AsNoTracking()
                join template in db.Templates on round.TemplateId equals template.Id
                orderby round.CreatedAt descending, round.Id descending
                select new { round.Id, round.Name, round.TemplateId, TemplateName = template.Name, template.Version, round.DueOn, round.CreatedBy, round.CreatedAt })
            .PageAsync(request.Skip, request.Take, cancellationToken);
        var today = calendar.Today(clock.GetUtcNow());
        var progress = await RoundProgress.OfAsync(db, rounds.Select(r => r.Id).ToList(), today, cancellationToken);
        return new Paged<RoundSummaryDto>(
            rounds.Select(r => new RoundSummaryDto(
                r.Id, r.Name, r.TemplateId, r.TemplateName, r.Version, r.DueOn, r.CreatedBy, r.CreatedAt, progress.GetValueOrDefault(r.Id, RoundProgress.None))).ToList(),
            total);
    }
}
