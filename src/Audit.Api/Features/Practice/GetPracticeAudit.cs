using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Practice;

/// <summary>One audit of a case file the caller holds, once its grades are final: each grade and the caller's reflection on it.</summary>
public sealed record GetPracticeAudit(Guid AuditId) : IRequest<PracticeAudit>;

internal sealed class GetPracticeAuditHandler(AuditDbContext db, ICurrentUser user) : IRequestHandler<GetPracticeAudit, PracticeAudit>
{
    public async ValueTask<PracticeAudit> Handle(GetPracticeAudit request, CancellationToken cancellationToken) =>
        await ReadAsync(db, user, request.AuditId, cancellationToken);

    /// <summary>Reads the audit as its worker sees it; 404 when the caller does not hold its case file or its grades are not final.</summary>
    public static async Task<PracticeAudit> ReadAsync(AuditDbContext db, ICurrentUser user, Guid auditId, CancellationToken ct)
    {
        var head = await (
            from audit in db.Audits.AsNoTracking().FinalOnFilesHeldBy(db.CaseFiles, user)
            where audit.Id == auditId
            join caseFile in db.CaseFiles on audit.CaseFileId equals caseFile.Id
            join template in db.Templates on audit.TemplateId equals template.Id
            select new { audit.Id, caseFile.Reference, template.Name, template.Target.AtLeast, FinalisedAt = audit.FinalisedAt!.Value, audit.FinalOverall })
            .SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Audit", auditId);

        var grades = await (
            from grade in db.FinalGrades.AsNoTracking()
            where grade.AuditId == auditId
            join criterion in db.Criteria on grade.CriterionId equals criterion.Id
            join reflection in db.Reflections on new { grade.AuditId, grade.CriterionId } equals new { reflection.AuditId, reflection.CriterionId } into reflections
            from reflection in reflections.DefaultIfEmpty()
            orderby criterion.Position
            select new
            {
                grade.CriterionId,
                criterion.Position,
                criterion.Title,
                grade.Grade,
                grade.Moderated,
                Reflection = reflection == null ? null : new ReflectionDto(reflection.Text, reflection.WrittenAt, reflection.RevisedAt),
            })
            .ToListAsync(ct);

        return new PracticeAudit(
            head.Id,
            head.Reference,
            head.Name,
            head.AtLeast,
            head.FinalisedAt,
            head.FinalOverall,
            [.. grades.Select(g => new PracticeGrade(g.CriterionId, g.Position, g.Title, g.Grade, g.Grade >= head.AtLeast, g.Moderated, g.Reflection))]);
    }
}
