namespace Audit.Domain.Audits;

/// <summary>A grader's worry that a child may be at risk, raised from the audit and acted on at once.</summary>
public sealed class Concern
{
    public const int MaxDescriptionLength = 4000;

    private Concern()
    {
    }

    internal Concern(Guid id, Guid auditId, string raisedBy, string description, DateTimeOffset raisedAt)
    {
        Id = id;
        AuditId = auditId;
        RaisedBy = raisedBy;
        Description = description;
        RaisedAt = raisedAt;
    }

    public Guid Id { get; private set; }
    public Guid AuditId { get; private set; }
    public string RaisedBy { get; private set; } = "";
    public string Description { get; private set; } = "";
    public DateTimeOffset RaisedAt { get; private set; }
}
