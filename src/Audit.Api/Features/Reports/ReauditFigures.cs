using Audit.Api.Persistence;
using Audit.Domain.Audits;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Reports;

/// <summary>
/// For the re-audited case files of a period, one criterion: <see cref="Files"/> re-audits with a final grade on the
/// criterion in both audits, <see cref="Improved"/> those whose re-audit's grade is higher than the grade of the audit
/// whose action asked for the re-audit, and <see cref="Percent"/> their share (one decimal; null with no files).
/// </summary>
public sealed record ReauditShare(int Files, int Improved, decimal? Percent)
{
    public static ReauditShare None { get; } = new(0, 0, null);
}

/// <summary>
/// Did the grade go up after a re-audit? Counted in SQL: each fulfilled re-audit request joins the re-audit's final
/// grades (those in <c>reauditGrades</c>, which holds the period and who may see what) to the final grades of the audit
/// that asked for it, criterion matched by position (as the dashboard matches template versions). A re-audit counts once
/// per criterion and asking audit, however many of that audit's actions asked for it.
/// </summary>
internal static class ReauditFigures
{
    public static async Task<IReadOnlyDictionary<int, ReauditShare>> ByPositionAsync(AuditDbContext db, IQueryable<FinalGrade> reauditGrades, CancellationToken ct)
    {
        var rows = await Counted(db, reauditGrades).ToListAsync(ct);
        return rows.ToDictionary(
            r => r.Position,
            r => new ReauditShare(r.Files, r.Improved, r.Files == 0 ? null : Math.Round(100m * r.Improved / r.Files, 1, MidpointRounding.AwayFromZero)));
    }

    /// <summary>The count as one query, by criterion position.</summary>
    /// <remarks>
    /// Each criterion's position is a subquery, not a join: joined, SQLite's planner (its statistics seeing each table's
    /// council filter) loops over the criteria outermost and scans every request for each, three times slower over a
    /// million grades (bench/README.md, "Dashboard"). As subqueries, it starts from the requests (<c>CouncilIndexTests</c>).
    /// </remarks>
    internal static IQueryable<ReauditCount> Counted(AuditDbContext db, IQueryable<FinalGrade> reauditGrades) =>
        (from request in db.ReauditRequests
         where request.FulfilledByAuditId != null
         join after in reauditGrades on request.FulfilledByAuditId equals (Guid?)after.AuditId
         join before in db.FinalGrades on request.AuditId equals before.AuditId
         let position = db.Criteria.Where(c => c.Id == after.CriterionId).Select(c => c.Position).First()
         where position == db.Criteria.Where(c => c.Id == before.CriterionId).Select(c => c.Position).First()
         select new { Position = position, Reaudit = after.AuditId, Asked = before.AuditId, Improved = after.Grade > before.Grade })
        .Distinct()
        .GroupBy(x => x.Position)
        .Select(g => new ReauditCount(g.Key, g.Count(), g.Count(x => x.Improved)));
}

/// <summary>Re-audited files with a final grade on the criterion at <see cref="Position"/> in both audits, and how many improved.</summary>
internal sealed record ReauditCount(int Position, int Files, int Improved);
