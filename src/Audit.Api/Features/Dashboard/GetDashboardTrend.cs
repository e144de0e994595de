using Audit.Api.Features.Templates;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Reporting;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Dashboard;

/// <summary>The overall share and each criterion's, period by period (<c>By</c> is <c>month</c> or <c>quarter</c>).</summary>
public sealed record GetDashboardTrend(Guid? TemplateId, string? From = null, string? To = null, string? ServiceArea = null, Guid? TeamId = null, string? By = null)
    : DashboardFilter(TemplateId, From, To, ServiceArea, TeamId), IRequest<TrendDto>
{
    public const int MaxPeriods = 240;

    public bool ByQuarter => string.Equals(By?.Trim(), "quarter", StringComparison.OrdinalIgnoreCase);
}

public sealed record TrendCell(Guid CriterionId, int GoodOrBetter, int Total, decimal? Percent, ConfidenceInterval? Ci, bool SmallSample, bool MeetsTarget);

public sealed record TrendPeriod(string Period, DateOnly Start, DateOnly End, Share Overall, IReadOnlyList<TrendCell> Criteria);

public sealed record TrendDto(Guid TemplateId, string Template, TargetDto Target, string By, IReadOnlyList<DashboardCriterion> Criteria, IReadOnlyList<TrendPeriod> Periods);

internal sealed class GetDashboardTrendValidator : DashboardFilterValidator<GetDashboardTrend>
{
    public GetDashboardTrendValidator()
    {
        RuleFor(x => x.By)
            .Must(by => by is null || by.Trim().ToLowerInvariant() is "month" or "quarter")
            .WithMessage("Choose month or quarter.");
        RuleFor(x => x.To)
            .Must((x, to) => TrendPeriods.Count(DashboardScope.ParseDate(x.From)!.Value, DashboardScope.ParseDate(to)!.Value, x.ByQuarter) <= GetDashboardTrend.MaxPeriods)
            .When(x => DashboardScope.ParseDate(x.From) is { } from && DashboardScope.ParseDate(x.To) is { } to && to > from)
            .WithMessage($"Ask for at most {GetDashboardTrend.MaxPeriods} periods.");
    }
}

/// <summary>
/// Buckets the counted rows by period in SQL (a <c>CASE</c> over the periods' starts) and groups them there; the
/// periods run from <c>from</c> (or the first audit made final) to <c>to</c> (or the last), empty ones included.
/// </summary>
internal sealed class GetDashboardTrendHandler(AuditDbContext db, ICurrentUser user) : IRequestHandler<GetDashboardTrend, TrendDto>
{
    public async ValueTask<TrendDto> Handle(GetDashboardTrend request, CancellationToken cancellationToken)
    {
        var scope = await DashboardScope.OpenAsync(db, user, request, cancellationToken);
        var atLeast = scope.AtLeast;
        var target = scope.TargetPercent;
        var criteria = scope.Template.Criteria.OrderBy(c => c.Position).ToList();
        var by = request.ByQuarter ? "quarter" : "month";
        var header = (scope.Template.Id, scope.Template.Name, scope.Template.Target.ToDto(), by, criteria.Select(c => new DashboardCriterion(c.Id, c.Position, c.Title)).ToList());

        var span = await scope.Audits()
            .GroupBy(a => 1)
            .Select(g => new { First = g.Min(a => a.FinalisedAt), Last = g.Max(a => a.FinalisedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        var first = scope.From ?? (span is null ? null : DateOnly.FromDateTime(span.First.UtcDateTime));
        var end = scope.To ?? (span is null ? null : DateOnly.FromDateTime(span.Last.UtcDateTime).AddDays(1));
        if (first is null || end is null || end <= first)
        {
            return new TrendDto(header.Id, header.Name, header.Item3, by, header.Item5, []);
        }

        var periods = TrendPeriods.Between(first.Value, end.Value, request.ByQuarter).Take(GetDashboardTrend.MaxPeriods).ToList();
        var starts = periods.Select(p => DashboardScope.StartOf(p.Start)).ToList();

        var overall = await scope.Audits()
            .InPeriods(a => a.FinalisedAt, starts)
            .GroupBy(x => x.Period)
            .Select(g => new { Period = g.Key, Total = g.Count(), GoodOrBetter = g.Count(x => x.Row.Overall >= atLeast) })
            .ToDictionaryAsync(x => x.Period, cancellationToken);
        var byCriterion = await scope.Grades()
            .InPeriods(f => f.FinalisedAt, starts)
            .GroupBy(x => new { x.Period, x.Row.Position })
            .Select(g => new { g.Key.Period, g.Key.Position, Total = g.Count(), GoodOrBetter = g.Count(x => x.Row.Grade >= atLeast) })
            .ToListAsync(cancellationToken);

        var answer = periods.Select((period, index) =>
        {
            var count = overall.GetValueOrDefault(index);
            var cells = criteria.Select(c =>
            {
                var cell = byCriterion.FirstOrDefault(x => x.Period == index && x.Position == c.Position);
                var share = Share.Of(cell?.GoodOrBetter ?? 0, cell?.Total ?? 0, target);
                return new TrendCell(c.Id, share.GoodOrBetter, share.Total, share.Percent, share.Ci, share.SmallSample, share.MeetsTarget);
            });
            return new TrendPeriod(period.Label, period.Start, period.End, Share.Of(count?.GoodOrBetter ?? 0, count?.Total ?? 0, target), cells.ToList());
        });

        return new TrendDto(header.Id, header.Name, header.Item3, by, header.Item5, answer.ToList());
    }
}

/// <summary>Calendar months or quarters, labelled <c>2026-11</c> or <c>2026-Q4</c>.</summary>
internal static class TrendPeriods
{
    public static IEnumerable<(string Label, DateOnly Start, DateOnly End)> Between(DateOnly first, DateOnly end, bool byQuarter)
    {
        var months = byQuarter ? 3 : 1;
        var start = new DateOnly(first.Year, byQuarter ? (((first.Month - 1) / 3) * 3) + 1 : first.Month, 1);
        while (start < end)
        {
            var label = byQuarter ? $"{start.Year}-Q{((start.Month - 1) / 3) + 1}" : $"{start.Year}-{start.Month:00}";
            yield return (label, start, start.AddMonths(months));
            start = start.AddMonths(months);
        }
    }

    public static int Count(DateOnly first, DateOnly end, bool byQuarter) => Between(first, end, byQuarter).Take(GetDashboardTrend.MaxPeriods + 1).Count();
}
