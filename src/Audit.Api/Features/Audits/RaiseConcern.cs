using Audit.Api.Infrastructure;
using Audit.Api.Notifications;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain.Audits;
using Audit.Domain.Notifications;
using FluentValidation;
using Mediator;

namespace Audit.Api.Features.Audits;

public sealed record RaiseConcernBody(string? Description);

/// <summary>
/// The safeguarding fast lane: a grader who finds a child may be at risk says so from the audit, whatever state it
/// is in, and the team manager and every principal social worker hear at once.
/// </summary>
public sealed record RaiseConcern(Guid AuditId, string? Description) : IRequest<AuditView>;

internal sealed class RaiseConcernValidator : AbstractValidator<RaiseConcern>
{
    public RaiseConcernValidator() => RuleFor(x => x.Description).NotEmpty().MaximumTrimmedLength(Concern.MaxDescriptionLength);
}

internal sealed class RaiseConcernHandler(AuditDbContext db, AuditWorkflow workflow, Notifier notifier, AuditAnswer answer, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<RaiseConcern, AuditView>
{
    public async ValueTask<AuditView> Handle(RaiseConcern request, CancellationToken cancellationToken)
    {
        var aggregate = await AuditAggregate.LoadAsync(db, request.AuditId, cancellationToken);
        workflow.Permissions(aggregate).EnsureMaySee();
        aggregate.Audit.RaiseConcern(user.UserName!, request.Description!, clock.GetUtcNow());
        var recipients = (await notifier.PrincipalSocialWorkersAsync(cancellationToken)).Append(aggregate.Team.TeamManager);
        notifier.Notify(
            recipients,
            NotificationKind.Concern,
            "A safeguarding concern has been raised on an audit of a case file in your care. Read it on the audit and act today.",
            aggregate.Audit.Id);
        return await answer.SaveAndShowAsync(aggregate, cancellationToken);
    }
}
