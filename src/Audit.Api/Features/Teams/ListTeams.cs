using Audit.Api.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Teams;

public sealed record ListTeams : IRequest<IReadOnlyList<TeamDto>>;

internal sealed class ListTeamsHandler(AuditDbContext db) : IRequestHandler<ListTeams, IReadOnlyList<TeamDto>>
{
    public async ValueTask<IReadOnlyList<TeamDto>> Handle(ListTeams request, CancellationToken cancellationToken) =>
        await db.Teams.AsNoTracking()
            .OrderBy(t => t.ServiceArea).ThenBy(t => t.Name)
            .Select(t => new TeamDto(t.Id, t.Name, t.ServiceArea, t.TeamManager, t.ServiceManager))
            .ToListAsync(cancellationToken);
}
