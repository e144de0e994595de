using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain.Calendar;

namespace Audit.Api.Features.Audits;

/// <summary>
/// How every request that shows an audit ends: the read is recorded, the request's one SaveChanges runs, and the
/// caller gets the audit as they may see it, with what they may do next.
/// </summary>
public sealed class AuditAnswer(AuditDbContext db, AccessLog accessLog, AuditWorkflow workflow, ICurrentUser user, TimeProvider clock, CouncilCalendar calendar)
{
    public async Task<AuditView> SaveAndShowAsync(AuditAggregate aggregate, CancellationToken ct)
    {
        accessLog.Record(AccessViews.Audit, aggregate.CaseFile.Id, aggregate.Audit.Id);
        await db.SaveChangesAsync(ct);
        return AuditViewBuilder.Build(aggregate, workflow.Permissions(aggregate), user, calendar.Today(clock.GetUtcNow()));
    }
}
