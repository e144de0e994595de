using Audit.Domain.Grading;

namespace Audit.Domain.Actions;

/// <summary>
/// Raised for a criterion whose final grade fell below target; the team manager closes it with what changed for
/// the child ("You said, we did").
/// </summary>
public sealed class FollowUpAction
{
    public const int MaxWhatChangedLength = 4000;

    private FollowUpAction()
    {
    }

    public FollowUpAction(Guid id, Guid auditId, Guid criterionId, Grade finalGrade, Guid teamId, string assignee, DateOnly dueOn, DateTimeOffset raisedAt)
    {
        Id = id;
        AuditId = auditId;
        CriterionId = criterionId;
        FinalGrade = finalGrade;
        TeamId = teamId;
        Assignee = assignee;
        DueOn = dueOn;
        RaisedAt = raisedAt;
        Status = ActionStatus.Open;
    }

    public Guid Id { get; private set; }
    public Guid AuditId { get; private set; }
    public Guid CriterionId { get; private set; }
    public Grade FinalGrade { get; private set; }
    public Guid TeamId { get; private set; }
    public string Assignee { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public ActionStatus Status { get; private set; }
    public string? WhatChanged { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }

    /// <summary>Concurrency token: of two people changing the action at once, the second is refused.</summary>
    public int Version { get; private set; }

    /// <summary>How many times the action has been escalated for being overdue.</summary>
    public int EscalationLevel { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    public bool IsOpen => Status is ActionStatus.Open or ActionStatus.Escalated;

    /// <summary>Escalates an overdue action to <paramref name="level"/>; false when it is not overdue or already there.</summary>
    public bool Escalate(int level, DateOnly today, DateTimeOffset at)
    {
        if (!IsOverdue(today) || EscalationLevel >= level)
        {
            return false;
        }

        Status = ActionStatus.Escalated;
        EscalationLevel = level;
        EscalatedAt = at;
        Version++;
        return true;
    }

    public bool IsOverdue(DateOnly today) => IsOpen && today > DueOn;

    public void Close(string whatChanged, string by, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new DomainConflictException($"This action is already {Status.ToString().ToLowerInvariant()}.");
        }

        if (string.IsNullOrWhiteSpace(whatChanged))
        {
            throw new DomainRuleException("Say what changed for the child.", "whatChanged");
        }

        if (whatChanged.Trim().Length > MaxWhatChangedLength)
        {
            throw new DomainRuleException($"What changed is at most {MaxWhatChangedLength} characters.", "whatChanged");
        }

        Status = ActionStatus.Closed;
        WhatChanged = whatChanged.Trim();
        ClosedAt = at;
        ClosedBy = by;
        Version++;
    }

    /// <summary>Cancels an open action; one already closed or cancelled is refused (409), as it is done with.</summary>
    public void Cancel(string by, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new DomainConflictException($"This action is already {Status.ToString().ToLowerInvariant()}: it cannot be cancelled.");
        }

        Status = ActionStatus.Cancelled;
        ClosedAt = at;
        ClosedBy = by;
        Version++;
    }
}
