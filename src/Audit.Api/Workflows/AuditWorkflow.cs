using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Api.Infrastructure.Telemetry;
using Audit.Api.Notifications;
using Audit.Api.Persistence;
using Audit.Domain.Audits;
using Audit.Domain.Notifications;
using Audit.Domain.Templates;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Workflows;

/// <summary>
/// The host's side of the workflow: asks the pure runtime what a trigger does to an audit, then applies the new
/// state and the effects to the tracked entities, to be saved in the request's one SaveChanges.
/// </summary>
public sealed class AuditWorkflow(WorkflowRegistryHolder registry, AuditDbContext db, EffectApplier effects, TimerScheduler timers, ICurrentUser user, TimeProvider clock, AuditTelemetry telemetry)
{
    public WorkflowDefinition DefinitionOf(CaseFileAudit audit) =>
        registry.FindOrLoad(db, audit.Workflow.Name, audit.Workflow.Version)
        ?? throw new InvalidOperationException($"Workflow {audit.Workflow.Name} v{audit.Workflow.Version} is not loaded.");

    /// <summary>What the signed-in caller may see and do with this audit: the one place every endpoint, page and runner asks.</summary>
    public AuditPermissions Permissions(AuditAggregate aggregate) => new(user, aggregate, DefinitionOf(aggregate.Audit));

    /// <summary>Fires the trigger against the audit as it now stands, moves it on and applies the entry effects.</summary>
    public async Task<Transitioned> FireAsync(AuditAggregate aggregate, string trigger, string detail, CancellationToken ct)
    {
        var (audit, template, _, _, actions) = aggregate;
        var result = WorkflowRuntime.Fire(DefinitionOf(audit), audit.State, trigger, Actor(), aggregate.Facts());
        telemetry.Fired(db, audit.Workflow.Name, trigger, result);
        switch (result)
        {
            case TriggerForbidden forbidden:
                throw new ForbiddenException($"Only {string.Join(" or ", forbidden.AllowedRoles)} may {trigger} on this audit.");
            case TriggerNotPermitted notPermitted:
                throw new TriggerNotPermittedException(notPermitted.State, notPermitted.Trigger, notPermitted.PermittedTriggers);
            case Transitioned transitioned:
                var now = clock.GetUtcNow();
                var all = actions.ToList();
                audit.RecordTransition(UserName, trigger, transitioned.From, transitioned.To, detail, now);
                foreach (var effect in transitioned.Effects)
                {
                    await effects.ApplyAsync(effect, audit, template, all, UserName, now, ct);
                }

                if (transitioned.StateChanged)
                {
                    await timers.RescheduleAsync(audit, DefinitionOf(audit), all, now, ct);
                }

                return transitioned;
            default:
                throw new InvalidOperationException($"Unexpected workflow result {result}.");
        }
    }

    /// <summary>A timer of the audit's state came due: apply what it asks, record it in the history, mark it fired.</summary>
    public async Task FireTimerAsync(AuditAggregate aggregate, AuditTimer timer, CancellationToken ct)
    {
        var (audit, template, _, _, actions) = aggregate;
        var now = clock.GetUtcNow();
        if (timer.State != audit.State)
        {
            timer.Cancel(now);
            return;
        }

        var all = actions.ToList();
        foreach (var effect in WorkflowRuntime.TimerEffects(DefinitionOf(audit), audit.State, timer.Name))
        {
            await effects.ApplyAsync(effect, audit, template, all, UserName, now, ct);
        }

        audit.RecordTransition(UserName, $"timer:{timer.Name}", audit.State, audit.State, $"The {timer.Name} timer fired.", now);
        timer.Fire(now);
    }

    public CaseFileAudit Start(Guid roundId, Template template, Domain.CaseFiles.CaseFile caseFile, IEnumerable<Assignment> assignments, WorkflowDefinition definition, DateOnly roundDue)
    {
        var started = WorkflowRuntime.Start(definition);
        if (started.Effects.Count > 0)
        {
            throw new InvalidOperationException($"{definition.Name} v{definition.Version}: the initial state may not run activities.");
        }

        var now = clock.GetUtcNow();
        var audit = CaseFileAudit.Start(
            Guid.CreateVersion7(),
            roundId,
            template,
            caseFile,
            new WorkflowPin(definition.Name, definition.Version, definition.ContentHash),
            started.State,
            assignments,
            UserName,
            now);
        timers.Schedule(audit, definition, roundDue, actionsDue: null, now);
        return audit;
    }

    private string UserName => user.UserName ?? "system";

    private Actor Actor() => new(UserName, user.Roles);
}
