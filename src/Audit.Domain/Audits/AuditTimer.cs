namespace Audit.Domain.Audits;

/// <summary>
/// A timer of the audit's workflow state, stored with the audit so that it survives restarts. It fires once: the
/// concurrency token keeps two service instances from both firing it.
/// </summary>
public sealed class AuditTimer
{
    private AuditTimer()
    {
    }

    public AuditTimer(Guid id, Guid auditId, string state, string name, DateTimeOffset dueAt)
    {
        Id = id;
        AuditId = auditId;
        State = state;
        Name = name;
        DueAt = dueAt;
    }

    public Guid Id { get; private set; }
    public Guid AuditId { get; private set; }
    public string State { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset? FiredAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public int Version { get; private set; }

    public bool IsPending => FiredAt is null && CancelledAt is null;

    public void Fire(DateTimeOffset at)
    {
        if (!IsPending)
        {
            throw new DomainConflictException($"The timer {Name} has already {(FiredAt is null ? "been cancelled" : "fired")}.");
        }

        FiredAt = at;
        Version++;
    }

    /// <summary>The audit left the timer's state before it was due.</summary>
    public void Cancel(DateTimeOffset at)
    {
        if (IsPending)
        {
            CancelledAt = at;
            Version++;
        }
    }
}
