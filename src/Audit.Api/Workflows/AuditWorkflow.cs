using Audit.Api.Infrastructure;
using Audit.Api.Notifications;
using Audit.Api.Persistence;
using Audit.Domain.Actions;
using Audit.Domain.Audits;
using Audit.Domain.Templates;
using Audit.Domain.Users;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;

namespace Audit.Api.Workflows;

/// <summary>
/// The host's side of the workflow: asks the pure runtime what a trigger does to an audit, then applies the new
/// state and the effects to the tracked entities, to be saved in the request's one SaveChanges.
/// </summary>
public sealed class AuditWorkflow(WorkflowRegistry registry, AuditDbContext db, Notifier notifier, ICurrentUser user, TimeProvider clock)
{
    public WorkflowDefinition DefinitionOf(CaseFileAudit audit) =>
        registry.Get(audit.Workflow.Name, audit.Workflow.Version)
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
                audit.RecordTransition(UserName, trigger, transitioned.From, transitioned.To, detail, now);
                foreach (var effect in transitioned.Effects)
                {
                    await ApplyAsync(effect, audit, template, actions, now, ct);
                }

                return transitioned;
            default:
                throw new InvalidOperationException($"Unexpected workflow result {result}.");
        }
    }

    public CaseFileAudit Start(Guid roundId, Template template, Domain.CaseFiles.CaseFile caseFile, IEnumerable<Assignment> assignments, WorkflowDefinition definition)
    {
        var started = WorkflowRuntime.Start(definition);
        if (started.Effects.Count > 0)
        {
            throw new InvalidOperationException($"{definition.Name} v{definition.Version}: the initial state may not run activities.");
        }

        return CaseFileAudit.Start(
            Guid.CreateVersion7(),
            roundId,
            template,
            caseFile,
            new WorkflowPin(definition.Name, definition.Version, definition.ContentHash),
            started.State,
            assignments,
            UserName,
            clock.GetUtcNow());
    }

    private async Task ApplyAsync(Effect effect, CaseFileAudit audit, Template template, IReadOnlyList<FollowUpAction> actions, DateTimeOffset now, CancellationToken ct)
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
                db.Actions.AddRange(audit.RaiseFollowUpActions(template, team, dueOn, now));
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
