using Audit.Api.Notifications;
using Audit.Api.Persistence;
using Audit.Domain.Actions;
using Audit.Domain.Audits;
using Audit.Domain.Calendar;
using Audit.Domain.Notifications;
using Audit.Domain.Templates;
using Audit.Domain.Users;
using Audit.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Workflows;

/// <summary>Carries out what the workflow asks of the host, on the tracked entities, for the request's one SaveChanges.</summary>
public sealed class EffectApplier(AuditDbContext db, Notifier notifier, CouncilCalendar calendar)
{
    /// <summary>Applies one effect to the tracked entities; <paramref name="actions"/> gains any actions it raises.</summary>
    public async Task ApplyAsync(Effect effect, CaseFileAudit audit, Template template, List<FollowUpAction> actions, string by, DateTimeOffset now, CancellationToken ct)
    {
        switch (effect)
        {
            case FinaliseGrades:
                audit.FinaliseGrades(template, now);
                break;
            case RaiseFollowUpActions raise:
                var team = await TeamOfAsync(audit, ct);
                var dueOn = raise.DueOn(now, calendar);
                var raised = audit.RaiseFollowUpActions(template, team, dueOn, now);
                db.Actions.AddRange(raised);
                actions.AddRange(raised);
                break;
            case RemindGraders:
                var waiting = audit.Assignments.Where(a => !audit.HasGraded(a.UserName, a.Role)).Select(a => a.UserName).ToList();
                notifier.Notify(waiting, NotificationKind.Reminder, RemindGraders.Message, audit.Id);
                break;
            case EscalateOverdueActions escalate:
                var today = calendar.Today(now);
                var escalated = actions.Where(a => a.Escalate(escalate.Level, today, now)).ToList();
                if (escalated.Count > 0)
                {
                    var managers = await RecipientsAsync(Role.ServiceManager, audit, ct);
                    foreach (var action in escalated)
                    {
                        notifier.Notify(managers, NotificationKind.Escalation, escalate.Message, audit.Id, actionId: action.Id);
                    }
                }

                break;
            case MarkCompleted:
                audit.MarkCompleted(now);
                break;
            case CancelOpenActions:
                foreach (var action in actions.Where(a => a.IsOpen))
                {
                    action.Cancel(by, now);
                }

                break;
            case Notify notify:
                notifier.Notify(await RecipientsAsync(notify.Role, audit, ct), notify.Kind, notify.Message, audit.Id);
                break;
            default:
                throw new InvalidOperationException($"No host support for the effect {effect.GetType().Name}.");
        }
    }

    /// <summary>
    /// Whether applying the effect may read the audit's gradings (their grades, the final grades): finalising grades,
    /// raising actions from them, reminding the graders who have not graded. Anything not known here is taken to read
    /// them, so that a new effect is loaded whole until it is listed. The timer runner loads gradings only for timers
    /// with an effect that reads them.
    /// </summary>
    public static bool ReadsGradings(Effect effect) =>
        effect is not (EscalateOverdueActions or Notify or MarkCompleted or CancelOpenActions);

    /// <summary>Who "the people in a role" are for this audit.</summary>
    private async Task<IReadOnlyList<string>> RecipientsAsync(string role, CaseFileAudit audit, CancellationToken ct)
    {
        switch (role)
        {
            case Role.PrincipalSocialWorker:
                return await notifier.PrincipalSocialWorkersAsync(ct);
            case Role.Auditor or Role.YoungAssessor:
                return audit.Assignments.Where(a => a.Role.ToString() == role).Select(a => a.UserName).ToList();
            case Role.Practitioner:
                var worker = await db.CaseFiles.Where(c => c.Id == audit.CaseFileId).Select(c => c.WorkerUserName).SingleOrDefaultAsync(ct);
                return worker is null ? [] : [worker];
            default:
                var team = await TeamOfAsync(audit, ct);
                return [role == Role.TeamManager ? team.TeamManager : team.ServiceManager];
        }
    }

    private async Task<Domain.Teams.Team> TeamOfAsync(CaseFileAudit audit, CancellationToken ct) =>
        await db.Teams.FindAsync([audit.TeamId], ct)
        ?? throw new InvalidOperationException($"Team {audit.TeamId} of audit {audit.Id} is missing.");
}
