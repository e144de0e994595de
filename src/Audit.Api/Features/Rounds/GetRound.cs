using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Rounds;

public sealed record GetRound(Guid Id) : IRequest<RoundDto>;

public sealed record RoundAuditDto(Guid Id, Guid CaseFileId, string Reference, string TeamName, string State);

public sealed record RoundDto(
    Guid Id,
    string Name,
    Guid TemplateId,
    DateOnly DueOn,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, int> AuditsByState,
    IReadOnlyList<RoundAuditDto> Audits);

internal sealed class GetRoundHandler(AuditDbContext db) : IRequestHandler<GetRound, RoundDto>
{
    public async ValueTask<RoundDto> Handle(GetRound request, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Round", request.Id);
        var audits = await db.Audits.AsNoTracking()
            .Where(a => a.RoundId == round.Id)
            .Join(db.CaseFiles, a => a.CaseFileId, c => c.Id, (a, c) => new { a, c })
            .Join(db.Teams, x => x.c.TeamId, t => t.Id, (x, t) => new RoundAuditDto(x.a.Id, x.c.Id, x.c.Reference, t.Name, x.a.State))
            .OrderBy(a => a.Reference)
            .ToListAsync(cancellationToken);
        return new RoundDto(
            round.Id,
            round.Name,
            round.TemplateId,
            round.DueOn,
            round.CreatedBy,
            round.CreatedAt,
            audits.GroupBy(a => a.State).ToDictionary(g => g.Key, g => g.Count()),
            audits);
    }
}
