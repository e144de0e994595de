using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Mediator;

namespace Audit.Api.Features.Audits;

public sealed record VerifyHistory(Guid AuditId) : IRequest<HistoryVerification>;

/// <summary>Whether the audit's history chain holds; if not, the first line that breaks it and why.</summary>
public sealed record HistoryVerification(Guid AuditId, bool Holds, int Entries, int? FirstBrokenSequence, string? Problem);

internal sealed class VerifyHistoryHandler(AuditDbContext db, AuditWorkflow workflow) : IRequestHandler<VerifyHistory, HistoryVerification>
{
    public async ValueTask<HistoryVerification> Handle(VerifyHistory request, CancellationToken cancellationToken)
    {
        var aggregate = await AuditAggregate.LoadWithHistoryAsync(db, request.AuditId, cancellationToken);
        workflow.Permissions(aggregate).EnsureMaySee();
        var check = aggregate.Audit.VerifyHistory();
        return new HistoryVerification(request.AuditId, check.Holds, check.Entries, check.FirstBrokenSequence, check.Problem);
    }
}
