namespace Audit.Domain.Actions;

public enum ActionStatus
{
    Open = 1,
    Closed = 2,
    Cancelled = 3,

    /// <summary>Overdue and escalated to the service manager; still open to close.</summary>
    Escalated = 4,
}
