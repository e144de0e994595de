using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Workflows.Catalogue;
using FluentValidation;
using Mediator;

namespace Audit.Api.Features.Audits;

public sealed record CancelAuditBody(string? Reason);

public sealed record CancelAudit(Guid AuditId, string? Reason) : IRequest<AuditView>;

internal sealed class CancelAuditValidator : AbstractValidator<CancelAudit>
{
    public CancelAuditValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumTrimmedLength(500);
}

/// <summary>The principal social worker withdraws an audit (a case file sampled in error, say); open actions are cancelled.</summary>
internal sealed class CancelAuditHandler(AuditDbContext db, AuditWorkflow workflow, AuditAnswer answer)
    : IRequestHandler<CancelAudit, AuditView>
{
    public async ValueTask<AuditView> Handle(CancelAudit request, CancellationToken cancellationToken)
    {
        var aggregate = await AuditAggregate.LoadAsync(db, request.AuditId, cancellationToken);
        workflow.Permissions(aggregate).EnsureMayFire(Triggers.Cancel);
        await workflow.FireAsync(aggregate, Triggers.Cancel, $"Cancelled: {request.Reason!.Trim()}", cancellationToken);
        return await answer.SaveAndShowAsync(aggregate, cancellationToken);
    }
}
