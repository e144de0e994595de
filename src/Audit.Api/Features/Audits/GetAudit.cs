using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Mediator;

namespace Audit.Api.Features.Audits;

public sealed record GetAudit(Guid Id) : IRequest<AuditView>;

internal sealed class GetAuditHandler(AuditDbContext db, AuditWorkflow workflow, AuditAnswer answer)
    : IRequestHandler<GetAudit, AuditView>
{
    public async ValueTask<AuditView> Handle(GetAudit request, CancellationToken cancellationToken)
    {
        var aggregate = await AuditAggregate.LoadWithHistoryAsync(db, request.Id, cancellationToken);
        workflow.Permissions(aggregate).EnsureMaySee();
        return await answer.SaveAndShowAsync(aggregate, cancellationToken);
    }
}
