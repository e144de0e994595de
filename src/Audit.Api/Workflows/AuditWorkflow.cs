using Audit.Api.Infrastructure;
using Audit.Api.Notifications;
using Audit.Api.Persistence;
using Audit.Domain.Actions;
using Audit.Domain.Audits;
using Audit.Domain.Notifications;
using Audit.Domain.Templates;
using Audit.Domain.Users;
using Audit.Workflows.Catalogue;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Workflows;

/// <summary>
/// The host's side of the workflow: asks the pure runtime what a trigger does to an audit, then applies the new
/// state and the effects to the tracked entities, to be saved in the request's one SaveChanges.
/// </summary>
public sealed class AuditWorkflow(WorkflowRegistryHolder registry, AuditDbContext db, Notifier notifier, ICurrentUser user, TimeProvider clock)
{
    public WorkflowDefinition DefinitionOf(CaseFileAudit audit) =>
        registry.FindOrLoad(db, audit.Workflow.Name, audit.Workflow.Version)
        ?? throw new InvalidOperationException($"Workflow {audit.Workflow.Name} v{audit.Workflow.Version} is not loaded.");

    public IReadOnlyList<string> PermittedTriggers(CaseFileAudit audit, Template template, IReadOnlyList<FollowUpAction> actions) =>
        WorkflowRuntime.PermittedTriggers(DefinitionOf(audit), audit.State, Actor(), Facts(audit, template, actions));

    /// <summary>Refuses early, before any change is made, when the caller may not fire the trigger now.</summary>
    public void EnsurePermitted(CaseFileAudit audit, Template template, string trigger, IReadOnlyList<FollowUpAction> actions)
    {
        var definition = DefinitionOf(audit);
        var trigDef = definition.Triggers.FirstOrDefault(t => t.Name == trigger);
        if (trigDef is not null && !trigDef.Roles.Any(user.IsIn))
        {
            throw new ForbiddenException($"Only {string.Join(" or ", trigDef.Roles)} may {trigger} on this audit.");
        }

        var permitted = PermittedTriggers(audit, template, actions);
        if (!permitted.Contains(trigger))
        {
            throw new TriggerNotPermittedException(audit.State, trigger, permitted);
        }
    }

    /// <summary>Fires the trigger against the audit as it now stands, moves it on and applies the entry effects.</summary>
    public async Task<Transitioned> FireAsync(
        CaseFileAudit audit, Template template, string trigger, IReadOnlyList<FollowUpAction> actions, string detail, CancellationToken ct)
    {
        var result = WorkflowRuntime.Fire(DefinitionOf(audit), audit.State, trigger, Actor(), Facts(audit, template, actions));
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
                    await ApplyAsync(effect, audit, template, all, now, ct);
                }

                if (transitioned.StateChanged)
                {
                    await RescheduleTimersAsync(audit, all, now, ct);
                }

                return transitioned;
            default:
                throw new InvalidOperationException($"Unexpected workflow result {result}.");
        }
    }

    /// <summary>A timer of the audit's state came due: apply what it asks, record it in the history, mark it fired.</summary>
    public async Task FireTimerAsync(CaseFileAudit audit, Template template, IReadOnlyList<FollowUpAction> actions, AuditTimer timer, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (timer.State != audit.State)
        {
            timer.Cancel(now);
            return;
        }

        var all = actions.ToList();
        foreach (var effect in WorkflowRuntime.TimerEffects(DefinitionOf(audit), audit.State, timer.Name))
        {
            await ApplyAsync(effect, audit, template, all, now, ct);
        }

        audit.RecordTransition(UserName, $"timer:{timer.Name}", audit.State, audit.State, $"The {timer.Name} timer fired.", now);
        timer.Fire(now);
    }

    /// <summary>Cancels the timers of the state the audit left and sets those of the state it entered.</summary>
    private async Task RescheduleTimersAsync(CaseFileAudit audit, IReadOnlyList<FollowUpAction> actions, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var pending in await db.AuditTimers.Where(t => t.AuditId == audit.Id && t.FiredAt == null && t.CancelledAt == null).ToListAsync(ct))
        {
            pending.Cancel(now);
        }

        var round = await db.Rounds.FindAsync([audit.RoundId], ct);
        Schedule(audit, DefinitionOf(audit), round?.DueOn, actions.Where(a => a.IsOpen).Select(a => (DateOnly?)a.DueOn).Min(), now);
    }

    private void Schedule(CaseFileAudit audit, WorkflowDefinition definition, DateOnly? roundDue, DateOnly? actionsDue, DateTimeOffset now)
    {
        static DateTimeOffset? Midnight(DateOnly? day) => day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        foreach (var timer in WorkflowRuntime.Timers(definition, audit.State))
        {
            var anchor = timer.From switch
            {
                TimerAnchors.StateEntered => now,
                TimerAnchors.RoundDue => Midnight(roundDue),
                TimerAnchors.ActionsDue => Midnight(actionsDue),
                _ => null,
            };
            if (anchor is { } from)
            {
                db.AuditTimers.Add(new AuditTimer(Guid.CreateVersion7(), audit.Id, audit.State, timer.Name, from.AddDays(timer.Days)));
            }
        }
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
        Schedule(audit, definition, roundDue, actionsDue: null, now);
        return audit;
    }

    private async Task ApplyAsync(Effect effect, CaseFileAudit audit, Template template, List<FollowUpAction> actions, DateTimeOffset now, CancellationToken ct)
    {
        switch (effect)
        {
            case FinaliseGrades:
                audit.FinaliseGrades(template);
                break;
            case RaiseFollowUpActions raise:
                var team = await db.Teams.FindAsync([audit.TeamId], ct)
                    ?? throw new InvalidOperationException($"Team {audit.TeamId} of audit {audit.Id} is missing.");
                var dueOn = DateOnly.FromDateTime(now.UtcDateTime).AddDays(raise.DueInDays);
                var raised = audit.RaiseFollowUpActions(template, team, dueOn, now);
                db.Actions.AddRange(raised);
                actions.AddRange(raised);
                break;
            case RemindGraders:
                var waiting = audit.Assignments.Where(a => !audit.HasGraded(a.UserName, a.Role)).Select(a => a.UserName).ToList();
                notifier.Notify(waiting, NotificationKind.Reminder, "A reminder: an audit assigned to you is waiting for your grades.", audit.Id);
                break;
            case EscalateOverdueActions escalate:
                var today = DateOnly.FromDateTime(now.UtcDateTime);
                var escalated = actions.Where(a => a.Escalate(escalate.Level, today, now)).ToList();
                if (escalated.Count > 0)
                {
                    var managers = await RecipientsAsync(Role.ServiceManager, audit, ct);
                    foreach (var action in escalated)
                    {
                        notifier.Notify(managers, NotificationKind.Escalation, $"A follow-up action is overdue and has been escalated to you (level {escalate.Level}).", audit.Id, actionId: action.Id);
                    }
                }

                break;
            case MarkCompleted:
                audit.MarkCompleted(now);
                break;
            case CancelOpenActions:
                foreach (var action in actions)
                {
                    action.Cancel(UserName, now);
                }

                break;
            case Notify notify:
                notifier.Notify(await RecipientsAsync(notify.Role, audit, ct), notify.Kind, notify.Message, audit.Id);
                break;
            default:
                throw new InvalidOperationException($"No host support for the effect {effect.GetType().Name}.");
        }
    }

    /// <summary>Who "the people in a role" are for this audit.</summary>
    private async Task<IReadOnlyList<string>> RecipientsAsync(string role, CaseFileAudit audit, CancellationToken ct)
    {
        switch (role)
        {
            case Role.PrincipalSocialWorker:
                return await notifier.PrincipalSocialWorkersAsync(ct);
            case Role.Auditor or Role.YoungAssessor:
                return audit.Assignments.Where(a => a.Role.ToString() == role).Select(a => a.UserName).ToList();
            default:
                var team = await db.Teams.FindAsync([audit.TeamId], ct)
                    ?? throw new InvalidOperationException($"Team {audit.TeamId} of audit {audit.Id} is missing.");
                return [role == Role.TeamManager ? team.TeamManager : team.ServiceManager];
        }
    }

    private string UserName => user.UserName ?? "system";

    private Actor Actor() => new(UserName, user.Roles);

    private static AuditFacts Facts(CaseFileAudit audit, Template template, IReadOnlyList<FollowUpAction> actions) => new(
        audit.AllGradingsIn(template),
        audit.GradesByCriterion(template),
        audit.AnyGradeBelowTarget(template),
        actions.All(a => !a.IsOpen));
}
