using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Actions;
using Audit.Domain.Calendar;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Actions;

/// <summary>
/// Open follow-up actions per team the caller may see, with how many run overdue and how many have escalated: the
/// service manager's view across their service. Counted in the database.
/// </summary>
public sealed record ActionCountsByTeam : IRequest<Paged<TeamActionCounts>>;

public sealed record TeamActionCounts(Guid TeamId, string TeamName, int Open, int Overdue, int Escalated);

internal sealed class ActionCountsByTeamHandler(AuditDbContext db, ICurrentUser user, TimeProvider clock, CouncilCalendar calendar)
    : IRequestHandler<ActionCountsByTeam, Paged<TeamActionCounts>>
{
    public async ValueTask<Paged<TeamActionCounts>> Handle(ActionCountsByTeam request, CancellationToken cancellationToken)
    {
        var today = calendar.Today(clock.GetUtcNow());
        var rows = from action in db.Actions.AsNoTracking()
                   join team in db.Teams on action.TeamId equals team.Id
                   where action.Status == ActionStatus.Open || action.Status == ActionStatus.Escalated
                   select new OpenActionRow { Action = action, Team = team };
        var counts = await rows.VisibleTo(user)
            .GroupBy(x => new { x.Team.Id, x.Team.Name })
            .Select(g => new TeamActionCounts(
                g.Key.Id,
                g.Key.Name,
                g.Count(),
                g.Count(x => x.Action.DueOn < today),
                g.Count(x => x.Action.Status == ActionStatus.Escalated)))
            .ToListAsync(cancellationToken);
        return PagedExtensions.AllOf<TeamActionCounts>([.. counts.OrderByDescending(c => c.Escalated).ThenByDescending(c => c.Overdue).ThenBy(c => c.TeamName, StringComparer.Ordinal)]);
    }

    private sealed class OpenActionRow : IActionRow
    {
        public required FollowUpAction Action { get; init; }
        public required Domain.Teams.Team Team { get; init; }
    }
}
