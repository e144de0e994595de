namespace Audit.Domain.Actions;

public enum ActionStatus
{
    Open = 1,
    Closed = 2,
    Cancelled = 3,
}
