using Audit.Api.Features.Templates;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Reporting;
using Audit.Domain.Teams;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Dashboard;

/// <summary>The overall share per team, for the service managers' comparison.</summary>
public sealed record GetTeamComparison(Guid? TemplateId, string? From = null, string? To = null, string? ServiceArea = null, Guid? TeamId = null)
    : DashboardFilter(TemplateId, From, To, ServiceArea, TeamId), IRequest<TeamComparisonDto>;

public sealed record TeamShare(
    Guid TeamId,
    string Team,
    ServiceArea ServiceArea,
    int GoodOrBetter,
    int Total,
    decimal? Percent,
    ConfidenceInterval? Ci,
    bool SmallSample,
    bool MeetsTarget);

public sealed record TeamComparisonDto(Guid TemplateId, string Template, TargetDto Target, IReadOnlyList<TeamShare> Teams);

internal sealed class GetTeamComparisonValidator : DashboardFilterValidator<GetTeamComparison>;

/// <summary>Every team the caller sees (a service manager: their service's), with its audits counted in SQL by team.</summary>
internal sealed class GetTeamComparisonHandler(AuditDbContext db, ICurrentUser user) : IRequestHandler<GetTeamComparison, TeamComparisonDto>
{
    public async ValueTask<TeamComparisonDto> Handle(GetTeamComparison request, CancellationToken cancellationToken)
    {
        var scope = await DashboardScope.OpenAsync(db, user, request, cancellationToken);
        var atLeast = scope.AtLeast;

        var counts = await scope.Audits()
            .GroupBy(a => a.TeamId)
            .Select(g => new { TeamId = g.Key, Total = g.Count(), GoodOrBetter = g.Count(a => a.Overall >= atLeast) })
            .ToDictionaryAsync(x => x.TeamId, cancellationToken);
        var teams = await scope.Teams()
            .OrderBy(t => t.ServiceArea).ThenBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, t.ServiceArea })
            .ToListAsync(cancellationToken);

        var shares = teams.Select(t =>
        {
            var count = counts.GetValueOrDefault(t.Id);
            var share = Share.Of(count?.GoodOrBetter ?? 0, count?.Total ?? 0, scope.TargetPercent);
            return new TeamShare(t.Id, t.Name, t.ServiceArea, share.GoodOrBetter, share.Total, share.Percent, share.Ci, share.SmallSample, share.MeetsTarget);
        });

        return new TeamComparisonDto(scope.Template.Id, scope.Template.Name, scope.Template.Target.ToDto(), shares.ToList());
    }
}
