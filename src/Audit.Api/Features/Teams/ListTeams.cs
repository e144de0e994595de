using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Teams;

/// <summary>Every team, by service area then name: never paged, a few dozen at most.</summary>
public sealed record ListTeams : IRequest<Paged<TeamDto>>;

internal sealed class ListTeamsHandler(AuditDbContext db) : IRequestHandler<ListTeams, Paged<TeamDto>>
{
    public async ValueTask<Paged<TeamDto>> Handle(ListTeams request, CancellationToken cancellationToken) =>
        PagedExtensions.AllOf(await db.Teams.AsNoTracking()
            .OrderBy(t => t.ServiceArea).ThenBy(t => t.Name)
            .Select(t => new TeamDto(t.Id, t.Name, t.ServiceArea, t.TeamManager, t.ServiceManager))
            .ToListAsync(cancellationToken));
}
