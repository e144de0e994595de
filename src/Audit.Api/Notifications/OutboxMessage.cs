namespace Audit.Api.Notifications;

/// <summary>
/// A notification waiting to go out by another channel (e-mail). Written in the same transaction as the
/// notification, so that stopping between writing and sending loses nothing: the dispatcher picks it up on start.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public required Guid NotificationId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>Concurrency token: two instances sharing a database never both mark one message sent.</summary>
    public int Version { get; set; }
}
