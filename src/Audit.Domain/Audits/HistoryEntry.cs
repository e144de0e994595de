namespace Audit.Domain.Audits;

/// <summary>One line of an audit's append-only record: what happened, by whom, when.</summary>
public sealed class HistoryEntry
{
    private HistoryEntry()
    {
    }

    internal HistoryEntry(DateTimeOffset at, string by, string trigger, string fromState, string toState, string detail)
    {
        At = at;
        By = by;
        Trigger = trigger;
        FromState = fromState;
        ToState = toState;
        Detail = detail;
    }

    public long Id { get; private set; }
    public Guid AuditId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string By { get; private set; } = "";
    public string Trigger { get; private set; } = "";
    public string FromState { get; private set; } = "";
    public string ToState { get; private set; } = "";
    public string Detail { get; private set; } = "";
}
