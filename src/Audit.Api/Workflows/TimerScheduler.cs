using Audit.Api.Persistence;
using Audit.Domain.Actions;
using Audit.Domain.Audits;
using Audit.Domain.Calendar;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Workflows;

/// <summary>Writes an audit's workflow timers when it enters a state, and cancels them when it leaves.</summary>
public sealed class TimerScheduler(AuditDbContext db, CouncilCalendar calendar)
{
    /// <summary>Cancels the timers of the state the audit left and sets those of the state it entered.</summary>
    public async Task RescheduleAsync(CaseFileAudit audit, WorkflowDefinition definition, IReadOnlyList<FollowUpAction> actions, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var pending in await db.AuditTimers.Where(t => t.AuditId == audit.Id && t.FiredAt == null && t.CancelledAt == null).ToListAsync(ct))
        {
            pending.Cancel(now);
        }

        var round = await db.Rounds.FindAsync([audit.RoundId], ct);
        Schedule(audit, definition, round?.DueOn, actions.Where(a => a.IsOpen).Select(a => (DateOnly?)a.DueOn).Min(), now);
    }

    /// <summary>Sets the timers of the audit's current state, counted from their moments.</summary>
    public void Schedule(CaseFileAudit audit, WorkflowDefinition definition, DateOnly? roundDue, DateOnly? actionsDue, DateTimeOffset now)
    {
        foreach (var timer in WorkflowRuntime.Timers(definition, audit.State))
        {
            if (TimerDue.At(timer, now, roundDue, actionsDue, calendar) is { } due)
            {
                db.AuditTimers.Add(new AuditTimer(Guid.CreateVersion7(), audit.Id, audit.State, timer.Name, due));
            }
        }
    }
}
