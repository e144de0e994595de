using Audit.Api.Auth;
using Audit.Api.Features.Audits;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Workflows.Catalogue;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Actions;

public sealed record CloseActionBody(string? WhatChanged);

public sealed record CloseAction(Guid Id, string? WhatChanged) : IRequest<ActionDto>;

internal sealed class CloseActionValidator : AbstractValidator<CloseAction>
{
    public CloseActionValidator() =>
        RuleFor(x => x.WhatChanged).NotEmpty().WithMessage("Say what changed for the child.")
            .MaximumLength(Domain.Actions.FollowUpAction.MaxWhatChangedLength);
}

/// <summary>The team manager closes an action with what changed for the child; the last one closed completes the audit.</summary>
internal sealed class CloseActionHandler(AuditDbContext db, AuditWorkflow workflow, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<CloseAction, ActionDto>
{
    public async ValueTask<ActionDto> Handle(CloseAction request, CancellationToken cancellationToken)
    {
        var auditId = await db.Actions.Where(a => a.Id == request.Id).Select(a => (Guid?)a.AuditId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Action", request.Id);
        var aggregate = await AuditAggregate.LoadAsync(db, auditId, cancellationToken);
        var action = aggregate.Actions.Single(a => a.Id == request.Id);
        if (!Permissions.MaySee(user, action, aggregate.Team))
        {
            throw new NotFoundException("Action", request.Id);
        }

        var permissions = workflow.Permissions(aggregate);
        if (!permissions.MayClose(action))
        {
            throw new ForbiddenException("Only the team manager of the case file's team closes this action.");
        }

        permissions.EnsureMayFire(Triggers.CloseAction);
        var now = clock.GetUtcNow();
        action.Close(request.WhatChanged!, user.UserName!, now);
        var criterion = aggregate.Template.Criteria.Single(c => c.Id == action.CriterionId).Title;
        await workflow.FireAsync(aggregate, Triggers.CloseAction, $"Closed the action on \"{criterion}\".", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return action.ToDto(criterion, aggregate.Team.Name, DateOnly.FromDateTime(now.UtcDateTime));
    }
}
