namespace Audit.Domain.Notifications;

public enum NotificationKind
{
    Assignment = 1,
    Reminder = 2,
    Escalation = 3,
    ModerationNeeded = 4,
    ActionRaised = 5,
    Concern = 6,
    Workflow = 7,
}

/// <summary>
/// Something one person should know, shown in their in-app list. The message names no child, family or worker:
/// it may also go out by e-mail.
/// </summary>
public sealed class Notification
{
    public const int MaxMessageLength = 500;

    private Notification()
    {
    }

    public Notification(Guid id, string recipient, NotificationKind kind, string message, DateTimeOffset createdAt, Guid? auditId = null, Guid? roundId = null, Guid? actionId = null)
    {
        if (string.IsNullOrWhiteSpace(message) || message.Length > MaxMessageLength)
        {
            throw new ArgumentException($"A notification's message is 1 to {MaxMessageLength} characters.", nameof(message));
        }

        Id = id;
        Recipient = recipient;
        Kind = kind;
        Message = message;
        CreatedAt = createdAt;
        AuditId = auditId;
        RoundId = roundId;
        ActionId = actionId;
    }

    public Guid Id { get; private set; }
    public string Recipient { get; private set; } = "";
    public NotificationKind Kind { get; private set; }
    public string Message { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? AuditId { get; private set; }
    public Guid? RoundId { get; private set; }
    public Guid? ActionId { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}
