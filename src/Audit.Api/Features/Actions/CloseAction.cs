using Audit.Api.Auth;
using Audit.Api.Features.Audits;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain.Actions;
using Audit.Domain.Calendar;
using Audit.Workflows.Catalogue;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Actions;

/// <param name="ReauditAfterWeeks">Optional: audit the same case file again after this many weeks (1 to 52).</param>
public sealed record CloseActionBody(string? WhatChanged, int? ReauditAfterWeeks = null);

public sealed record CloseAction(Guid Id, string? WhatChanged, int? ReauditAfterWeeks = null) : IRequest<ActionDto>;

internal sealed class CloseActionValidator : AbstractValidator<CloseAction>
{
    public CloseActionValidator()
    {
        RuleFor(x => x.WhatChanged).NotEmpty().WithMessage("Say what changed for the child.")
            .MaximumTrimmedLength(Domain.Actions.FollowUpAction.MaxWhatChangedLength);
        RuleFor(x => x.ReauditAfterWeeks).InclusiveBetween(1, ReauditRequest.MaxWeeks)
            .WithMessage($"Enter the weeks until the re-audit as a whole number from 1 to {ReauditRequest.MaxWeeks}, or leave it empty for none.");
    }
}

/// <summary>
/// The team manager closes an action with what changed for the child, and may ask for the case file to be re-audited
/// after some weeks (recorded in the audit's history with the closing); the last action closed completes the audit.
/// </summary>
internal sealed class CloseActionHandler(AuditDbContext db, AuditWorkflow workflow, ICurrentUser user, TimeProvider clock, CouncilCalendar calendar)
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
        var detail = $"Closed the action on \"{criterion}\".";
        if (request.ReauditAfterWeeks is { } weeks)
        {
            var reaudit = new ReauditRequest(Guid.CreateVersion7(), aggregate.CaseFile.Id, aggregate.Audit.Id, action.Id, weeks, user.UserName!, now, calendar);
            db.ReauditRequests.Add(reaudit);
            detail += $" Re-audit of the case file asked for after {weeks} week(s), from {reaudit.DueOn:yyyy-MM-dd}.";
        }

        await workflow.FireAsync(aggregate, Triggers.CloseAction, detail, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return action.ToDto(criterion, aggregate.Team.Name, calendar.Today(now));
    }
}
