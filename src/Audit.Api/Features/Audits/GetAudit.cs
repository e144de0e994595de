using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Mediator;

namespace Audit.Api.Features.Audits;

public sealed record GetAudit(Guid Id) : IRequest<AuditView>;

internal sealed class GetAuditHandler(AuditDbContext db, AuditAnswer answer, ICurrentUser user)
    : IRequestHandler<GetAudit, AuditView>
{
    public async ValueTask<AuditView> Handle(GetAudit request, CancellationToken cancellationToken)
    {
        var aggregate = (await AuditAggregate.LoadAsync(db, request.Id, cancellationToken)).EnsureVisibleTo(user);
        return await answer.SaveAndShowAsync(aggregate, cancellationToken);
    }
}

internal static class AuditAggregateViews
{
    /// <summary>The audit as the caller may see it, with what the caller may do next.</summary>
    public static AuditView ViewFor(this AuditAggregate aggregate, AuditWorkflow workflow, ICurrentUser user, TimeProvider clock)
    {
        var permitted = workflow.PermittedTriggers(aggregate.Audit, aggregate.Template, aggregate.Actions)
            .Where(trigger => MayFireHere(aggregate, trigger, user))
            .ToList();
        return AuditViewBuilder.Build(aggregate, permitted, user, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>The workflow knows roles; this adds what only the host knows: whose audit and whose action it is.</summary>
    private static bool MayFireHere(AuditAggregate aggregate, string trigger, ICurrentUser user)
    {
        var me = user.UserName ?? "";
        return trigger switch
        {
            Audit.Workflows.Catalogue.Triggers.SubmitGrading =>
                aggregate.Audit.RolesOf(me).Any(role => !aggregate.Audit.HasGraded(me, role)),
            Audit.Workflows.Catalogue.Triggers.CloseAction =>
                aggregate.Actions.Any(a => a.IsOpen && (a.Assignee == me || aggregate.Team.TeamManager == me)),
            _ => true,
        };
    }
}
