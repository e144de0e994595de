using Audit.Api.Features.Templates;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Teams;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Dashboard;

public sealed record GetDashboard(Guid? TemplateId) : IRequest<DashboardDto>;

public sealed record Share(int GoodOrBetter, int Total, decimal? Percent, bool MeetsTarget);

public sealed record DashboardCell(Guid CriterionId, string Criterion, ServiceArea ServiceArea, int GoodOrBetter, int Total, decimal? Percent, bool MeetsTarget);

public sealed record DashboardDto(Guid TemplateId, string Template, TargetDto Target, Share Overall, IReadOnlyList<DashboardCell> Cells);

internal sealed class GetDashboardValidator : AbstractValidator<GetDashboard>
{
    public GetDashboardValidator() => RuleFor(x => x.TemplateId).NotEmpty();
}

/// <summary>
/// Dudley's grid: criteria by service area, each cell the share of final grades at or above the target grade.
/// Counted in SQL over the final-grade index; no audit rows are loaded.
/// </summary>
internal sealed class GetDashboardHandler(AuditDbContext db) : IRequestHandler<GetDashboard, DashboardDto>
{
    public async ValueTask<DashboardDto> Handle(GetDashboard request, CancellationToken cancellationToken)
    {
        var template = await db.Templates.AsNoTracking().Include(t => t.Criteria).SingleOrDefaultAsync(t => t.Id == request.TemplateId, cancellationToken)
            ?? throw new NotFoundException("Template", request.TemplateId!.Value);
        var atLeast = template.Target.AtLeast;

        var counts = await db.FinalGrades
            .Where(f => f.TemplateId == template.Id)
            .GroupBy(f => new { f.CriterionId, f.ServiceArea })
            .Select(g => new { g.Key.CriterionId, g.Key.ServiceArea, Total = g.Count(), GoodOrBetter = g.Count(f => f.Grade >= atLeast) })
            .ToListAsync(cancellationToken);

        var graded = db.Audits.Where(a => a.TemplateId == template.Id && a.FinalOverall != null);
        var overallTotal = await graded.CountAsync(cancellationToken);
        var overallGood = await graded.CountAsync(a => a.FinalOverall >= atLeast, cancellationToken);

        var target = template.Target.Percent;
        var cells =
            from criterion in template.Criteria.OrderBy(c => c.Position)
            from area in Enum.GetValues<ServiceArea>()
            let count = counts.FirstOrDefault(c => c.CriterionId == criterion.Id && c.ServiceArea == area)
            let share = ShareOf(count?.GoodOrBetter ?? 0, count?.Total ?? 0, target)
            select new DashboardCell(criterion.Id, criterion.Title, area, share.GoodOrBetter, share.Total, share.Percent, share.MeetsTarget);

        return new DashboardDto(
            template.Id,
            template.Name,
            template.Target.ToDto(),
            ShareOf(overallGood, overallTotal, target),
            cells.ToList());
    }

    private static Share ShareOf(int goodOrBetter, int total, int targetPercent)
    {
        decimal? percent = total == 0 ? null : Math.Round(100m * goodOrBetter / total, 1);
        return new Share(goodOrBetter, total, percent, percent >= targetPercent);
    }
}
