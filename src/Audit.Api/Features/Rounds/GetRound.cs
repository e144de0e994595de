using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Calendar;
using Audit.Domain.Grading;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Rounds;

public sealed record GetRound(Guid Id) : IRequest<RoundDto>;

/// <param name="SecondAuditor">Who grades the audit blind as second auditor; null when it is not second marked.</param>
public sealed record RoundAuditDto(Guid Id, Guid CaseFileId, string Reference, string TeamName, string State, string? SecondAuditor);

public sealed record RoundSampleDto(int PerTeam, int ExcludeAuditedWithinMonths, int Seed);

public sealed record RoundDto(
    Guid Id,
    string Name,
    Guid TemplateId,
    string TemplateName,
    int TemplateVersion,
    DateOnly DueOn,
    RoundSampleDto? Sample,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, int> AuditsByState,
    RoundProgress Progress,
    IReadOnlyList<RoundAuditDto> Audits,
    int SecondMarkingPercent);

internal sealed class GetRoundHandler(AuditDbContext db, TimeProvider clock, CouncilCalendar calendar) : IRequestHandler<GetRound, RoundDto>
{
    public async ValueTask<RoundDto> Handle(GetRound request, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Round", request.Id);
        var audits = await (
                from audit in db.Audits.AsNoTracking()
                where audit.RoundId == round.Id
                join caseFile in db.CaseFiles on audit.CaseFileId equals caseFile.Id
                join team in db.Teams on caseFile.TeamId equals team.Id
                orderby caseFile.Reference
                select new RoundAuditDto(
                    audit.Id,
                    caseFile.Id,
                    caseFile.Reference,
                    team.Name,
                    audit.State,
                    audit.Assignments.Where(x => x.Role == GraderRole.SecondAuditor).Select(x => x.UserName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var template = await db.Templates.AsNoTracking().Where(t => t.Id == round.TemplateId).Select(t => new { t.Name, t.Version }).SingleAsync(cancellationToken);
        var today = calendar.Today(clock.GetUtcNow());
        var progress = await RoundProgress.OfAsync(db, [round.Id], today, cancellationToken);
        return new RoundDto(
            round.Id,
            round.Name,
            round.TemplateId,
            template.Name,
            template.Version,
            round.DueOn,
            round.SampleSeed is { } seed ? new RoundSampleDto(round.SamplePerTeam!.Value, round.SampleExcludeAuditedWithinMonths!.Value, seed) : null,
            round.CreatedBy,
            round.CreatedAt,
            audits.GroupBy(a => a.State).ToDictionary(g => g.Key, g => g.Count()),
            progress.GetValueOrDefault(round.Id, RoundProgress.None),
            audits,
            round.SecondMarkingPercent);
    }
}
