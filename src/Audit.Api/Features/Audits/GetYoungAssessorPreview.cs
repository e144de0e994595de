using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain.Calendar;
using Mediator;

namespace Audit.Api.Features.Audits;

/// <summary>
/// What the audit's young assessor will see, for the auditor or PSW preparing the redacted extract to check before
/// clearing it. The read is recorded.
/// </summary>
public sealed record GetYoungAssessorPreview(Guid AuditId) : IRequest<AuditView>;

internal sealed class GetYoungAssessorPreviewHandler(AuditDbContext db, AuditWorkflow workflow, AccessLog accessLog, TimeProvider clock, CouncilCalendar calendar)
    : IRequestHandler<GetYoungAssessorPreview, AuditView>
{
    public async ValueTask<AuditView> Handle(GetYoungAssessorPreview request, CancellationToken cancellationToken)
    {
        var aggregate = await AuditAggregate.LoadWithHistoryAsync(db, request.AuditId, cancellationToken);
        if (!workflow.Permissions(aggregate).EnsureMaySee().MayEditExtract)
        {
            throw new ForbiddenException("Only the audit's auditor or the principal social worker previews what the young assessor will see.");
        }

        accessLog.Record(AccessViews.YoungAssessorPreview, aggregate.CaseFile.Id, aggregate.Audit.Id);
        await db.SaveChangesAsync(cancellationToken);
        return AuditViewBuilder.BuildYoungAssessorPreview(aggregate, calendar.Today(clock.GetUtcNow()));
    }
}
