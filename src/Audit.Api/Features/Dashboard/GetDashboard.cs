using Audit.Api.Features.Reports;
using Audit.Api.Features.Templates;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Reporting;
using Audit.Domain.Teams;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Dashboard;

/// <summary>Dudley's grid for a template (all its versions), over a period, a service area and a team.</summary>
public sealed record GetDashboard(Guid? TemplateId, string? From = null, string? To = null, string? ServiceArea = null, Guid? TeamId = null)
    : DashboardFilter(TemplateId, From, To, ServiceArea, TeamId), IRequest<DashboardDto>;

public sealed record DashboardCell(
    Guid CriterionId,
    string Criterion,
    ServiceArea ServiceArea,
    int GoodOrBetter,
    int Total,
    decimal? Percent,
    ConfidenceInterval? Ci,
    bool SmallSample,
    bool MeetsTarget);

/// <param name="Reaudit">On the grid: of the case files re-audited in the period (in the area and team asked for), how many went up on this criterion (null on the trend).</param>
public sealed record DashboardCriterion(Guid CriterionId, int Position, string Title, ReauditShare? Reaudit = null);

public sealed record DashboardDto(
    Guid TemplateId,
    string Template,
    TargetDto Target,
    DateOnly? From,
    DateOnly? To,
    ServiceArea? ServiceArea,
    Guid? TeamId,
    Share Overall,
    IReadOnlyList<DashboardCriterion> Criteria,
    IReadOnlyList<ServiceArea> ServiceAreas,
    IReadOnlyList<DashboardCell> Cells);

internal sealed class GetDashboardValidator : DashboardFilterValidator<GetDashboard>;

/// <summary>
/// Criteria by service area, each cell the share of final grades at or above the target grade, and the overall share
/// of audits whose overall grade is. Counted in SQL over the final-grade index by criterion and area (versions' criteria
/// are added up by position over the counted rows); no grade rows are loaded.
/// </summary>
internal sealed class GetDashboardHandler(AuditDbContext db, ICurrentUser user) : IRequestHandler<GetDashboard, DashboardDto>
{
    public async ValueTask<DashboardDto> Handle(GetDashboard request, CancellationToken cancellationToken)
    {
        var scope = await DashboardScope.OpenAsync(db, user, request, cancellationToken);
        var atLeast = scope.AtLeast;

        var positions = await scope.PositionsAsync(cancellationToken);
        var byCriterion = await scope.FinalGrades()
            .GroupBy(f => new { f.CriterionId, f.ServiceArea })
            .Select(g => new { g.Key.CriterionId, g.Key.ServiceArea, Total = g.Count(), GoodOrBetter = g.Count(x => x.Grade >= atLeast) })
            .ToListAsync(cancellationToken);
        var counts = byCriterion
            .Where(c => positions.ContainsKey(c.CriterionId))
            .GroupBy(c => (Position: positions[c.CriterionId], c.ServiceArea))
            .ToDictionary(g => g.Key, g => (GoodOrBetter: g.Sum(c => c.GoodOrBetter), Total: g.Sum(c => c.Total)));

        var overall = await scope.Audits()
            .GroupBy(a => 1)
            .Select(g => new { Total = g.Count(), GoodOrBetter = g.Count(a => a.Overall >= atLeast) })
            .SingleOrDefaultAsync(cancellationToken);

        var reaudits = await ReauditFigures.ByPositionAsync(db, scope.FinalGrades(), cancellationToken);
        var target = scope.TargetPercent;
        var criteria = scope.Template.Criteria.OrderBy(c => c.Position).ToList();
        var areas = scope.Areas();
        var cells =
            from criterion in criteria
            from area in areas
            let count = counts.GetValueOrDefault((criterion.Position, area))
            let share = Share.Of(count.GoodOrBetter, count.Total, target)
            select new DashboardCell(criterion.Id, criterion.Title, area, share.GoodOrBetter, share.Total, share.Percent, share.Ci, share.SmallSample, share.MeetsTarget);

        return new DashboardDto(
            scope.Template.Id,
            scope.Template.Name,
            scope.Template.Target.ToDto(),
            scope.From,
            scope.To,
            scope.Area,
            scope.TeamId,
            Share.Of(overall?.GoodOrBetter ?? 0, overall?.Total ?? 0, target),
            criteria.Select(c => new DashboardCriterion(c.Id, c.Position, c.Title, reaudits.GetValueOrDefault(c.Position, ReauditShare.None))).ToList(),
            areas,
            cells.ToList());
    }
}
