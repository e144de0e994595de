using Audit.Api.Features.Dashboard;
using Audit.Api.Pages.Audits;
using Audit.Domain.Reporting;

namespace Audit.Api.Features.Exports;

/// <summary>
/// One share good or better as a flat row: the dashboard's overall share and each cell (principle by service area),
/// and the trend's overall share and each principle's, period by period.
/// </summary>
internal sealed record ShareRow(
    string? Period,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    string Principle,
    string? ServiceArea,
    int GoodOrBetter,
    int Total,
    decimal? Percent,
    ConfidenceInterval? Ci,
    bool SmallSample,
    int TargetPercent,
    bool MeetsTarget);

/// <summary>
/// The dashboard (<c>dashboard</c>): first the overall share of audits (principle "All principles (overall grade)"),
/// then one row per principle and service area. The trend (<c>trend</c>): per period, the overall share first, then one
/// row per principle. The rows come from the same requests as <c>GET /api/dashboard</c> and <c>/api/dashboard/trend</c>.
/// </summary>
internal static class DashboardExport
{
    public const string Overall = "All principles (overall grade)";
    public const string AllServiceAreas = "All service areas";

    private static readonly ExportColumn<ShareRow>[] ShareColumns =
    [
        new("Good or better", r => r.GoodOrBetter),
        new("Total", r => r.Total),
        new("Percent good or better", r => r.Percent),
        new("95% interval low (%)", r => r.Ci?.Low),
        new("95% interval high (%)", r => r.Ci?.High),
        new("Small sample (fewer than 10)", r => ExportFiles.YesNo(r.SmallSample)),
        new("Target (%)", r => r.TargetPercent),
        new("Meets target", r => ExportFiles.YesNo(r.MeetsTarget)),
    ];

    public static readonly IReadOnlyList<ExportColumn<ShareRow>> DashboardColumns =
    [
        new("Principle", r => r.Principle),
        new("Service area", r => r.ServiceArea),
        .. ShareColumns,
    ];

    public static readonly IReadOnlyList<ExportColumn<ShareRow>> TrendColumns =
    [
        new("Period", r => r.Period),
        new("Period starts", r => ExportFiles.Date(r.PeriodStart)),
        new("Period ends (not included)", r => ExportFiles.Date(r.PeriodEnd)),
        new("Principle", r => r.Principle),
        .. ShareColumns,
    ];

    public static IEnumerable<ShareRow> Rows(DashboardDto dashboard)
    {
        var target = dashboard.Target.Percent;
        var area = dashboard.ServiceArea is { } chosen ? AuditWords.Of(chosen) : AllServiceAreas;
        var overall = dashboard.Overall;
        yield return new ShareRow(null, null, null, Overall, area, overall.GoodOrBetter, overall.Total, overall.Percent, overall.Ci, overall.SmallSample, target, overall.MeetsTarget);
        var titles = dashboard.Criteria.ToDictionary(c => c.CriterionId, c => c.Title);
        foreach (var cell in dashboard.Cells)
        {
            yield return new ShareRow(
                null, null, null, titles.GetValueOrDefault(cell.CriterionId, cell.Criterion), AuditWords.Of(cell.ServiceArea),
                cell.GoodOrBetter, cell.Total, cell.Percent, cell.Ci, cell.SmallSample, target, cell.MeetsTarget);
        }
    }

    public static IEnumerable<ShareRow> Rows(TrendDto trend)
    {
        var target = trend.Target.Percent;
        var titles = trend.Criteria.ToDictionary(c => c.CriterionId, c => c.Title);
        foreach (var period in trend.Periods)
        {
            var overall = period.Overall;
            yield return new ShareRow(
                period.Period, period.Start, period.End, Overall, null,
                overall.GoodOrBetter, overall.Total, overall.Percent, overall.Ci, overall.SmallSample, target, overall.MeetsTarget);
            foreach (var cell in period.Criteria)
            {
                yield return new ShareRow(
                    period.Period, period.Start, period.End, titles.GetValueOrDefault(cell.CriterionId, ""), null,
                    cell.GoodOrBetter, cell.Total, cell.Percent, cell.Ci, cell.SmallSample, target, cell.MeetsTarget);
            }
        }
    }

    public static string FileName(string report, DashboardFilter filter) =>
        ExportNames.Of(report, ExportNames.Area(DashboardScope.ParseArea(filter.ServiceArea)), ExportNames.Period(DashboardScope.ParseDate(filter.From), DashboardScope.ParseDate(filter.To)));

    public static string TrendFileName(GetDashboardTrend request) =>
        ExportNames.Of("trend", "by-" + (request.ByQuarter ? "quarter" : "month"), ExportNames.Area(DashboardScope.ParseArea(request.ServiceArea)), ExportNames.Period(DashboardScope.ParseDate(request.From), DashboardScope.ParseDate(request.To)));
}
