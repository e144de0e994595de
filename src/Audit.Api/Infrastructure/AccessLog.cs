using Audit.Api.Persistence;

namespace Audit.Api.Infrastructure;

/// <summary>Records reads of case files, to be saved with the request's one SaveChanges.</summary>
public sealed class AccessLog(AuditDbContext db, ICurrentUser user, TimeProvider clock)
{
    public void Record(string view, IEnumerable<(Guid CaseFileId, Guid? AuditId)> reads)
    {
        var at = clock.GetUtcNow();
        var who = user.UserName ?? "anonymous";
        db.AccessRecords.AddRange(reads.Select(r => new AccessRecord { At = at, UserName = who, CaseFileId = r.CaseFileId, AuditId = r.AuditId, View = view }));
    }

    public void Record(string view, Guid caseFileId, Guid? auditId) => Record(view, [(caseFileId, auditId)]);
}
