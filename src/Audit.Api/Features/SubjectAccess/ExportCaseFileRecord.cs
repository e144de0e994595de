using Audit.Api.Features.Audits;
using Audit.Api.Features.CaseFiles;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.SubjectAccess;

/// <summary>Everything held about one case file, for a care leaver's (or their family's) request for their file.</summary>
public sealed record ExportCaseFileRecord(Guid CaseFileId) : IRequest<CaseFileRecord>;

public sealed record ReflectionRecord(Guid AuditId, Guid CriterionId, string WrittenBy, string Text, DateTimeOffset WrittenAt, DateTimeOffset? RevisedAt);

public sealed record ParticipationRecord(string Month, bool HasAccount, int Statements, int StatementsBeforeReview, bool ContributedToReview);

/// <summary>
/// The case file as held; every audit of it in full (grades with their evidence, moderation, final grades, follow-up
/// actions and what changed, concerns, the whole history); the practitioner's reflections; the participation app's
/// evidence; and who looked, this export included.
/// </summary>
public sealed record CaseFileRecord(
    CaseFileDto CaseFile,
    IReadOnlyList<AuditView> Audits,
    IReadOnlyList<ReflectionRecord> Reflections,
    IReadOnlyList<ParticipationRecord> ParticipationEvidence,
    IReadOnlyList<AccessRecordDto> WhoLooked,
    DateTimeOffset ExportedAt,
    string ExportedBy);

/// <summary>
/// The PSW alone exports (the route policy says so, <see cref="Auth.Permissions.SubjectAccess"/>). The export is
/// itself recorded as a look at the case file, in the same transaction, before the answer is given.
/// </summary>
internal sealed class ExportCaseFileRecordHandler(AuditDbContext db, AuditWorkflow workflow, AccessLog accessLog, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ExportCaseFileRecord, CaseFileRecord>
{
    public async ValueTask<CaseFileRecord> Handle(ExportCaseFileRecord request, CancellationToken cancellationToken)
    {
        var id = request.CaseFileId;
        var caseFile = await db.CaseFiles.AsNoTracking()
            .Where(c => c.Id == id)
            .Join(db.Teams, c => c.TeamId, t => t.Id, (c, t) => new CaseFileDto(
                c.Id, c.Reference, c.TeamId, t.Name, c.ServiceArea, c.Stage, c.AllocatedWorker, c.ChildAgeBand, c.RedactedExtract,
                c.RedactedExtract != null && c.ExtractClearedBy != null, null, c.WorkerUserName))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Case file", id);

        var now = clock.GetUtcNow();
        accessLog.Record(AccessViews.SubjectAccessExport, id, null);
        await db.SaveChangesAsync(cancellationToken);

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var audits = new List<AuditView>();
        foreach (var auditId in await db.Audits.Where(a => a.CaseFileId == id).OrderBy(a => a.CreatedAt).Select(a => a.Id).ToListAsync(cancellationToken))
        {
            var aggregate = await AuditAggregate.LoadWithHistoryAsync(db, auditId, cancellationToken);
            audits.Add(AuditViewBuilder.Build(aggregate, workflow.Permissions(aggregate), user, today));
        }

        var reflections = await db.Reflections.AsNoTracking()
            .Where(r => db.Audits.Any(a => a.Id == r.AuditId && a.CaseFileId == id))
            .OrderBy(r => r.WrittenAt)
            .Select(r => new ReflectionRecord(r.AuditId, r.CriterionId, r.WrittenBy, r.Text, r.WrittenAt, r.RevisedAt))
            .ToListAsync(cancellationToken);
        var participation = await db.ParticipationEvidence.AsNoTracking()
            .Where(p => p.CaseFileId == id)
            .OrderBy(p => p.Month)
            .Select(p => new ParticipationRecord(p.Month, p.HasAccount, p.Statements, p.StatementsBeforeReview, p.ContributedToReview))
            .ToListAsync(cancellationToken);
        var looked = await db.AccessRecords.AsNoTracking()
            .Where(a => a.CaseFileId == id)
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new AccessRecordDto(a.At, a.UserName, a.AuditId, a.View))
            .ToListAsync(cancellationToken);

        return new CaseFileRecord(caseFile, audits, reflections, participation, looked, now, user.UserName!);
    }
}
