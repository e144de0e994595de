namespace Audit.Api.Notifications;

/// <summary>
/// A notification waiting to go out by another channel (e-mail). Written in the same transaction as the
/// notification, so that stopping between writing and sending loses nothing: the dispatcher picks it up on start.
/// A message that keeps failing is parked, never dropped: the PSW sees it and may send it again.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public required Guid NotificationId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Failed attempts since the message was written or last requeued.</summary>
    public int Attempts { get; set; }

    /// <summary>Not tried before this time (backoff after a failure); null for "as soon as possible".</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Set when the message ran out of attempts: it waits for the PSW to send it again.</summary>
    public DateTimeOffset? ParkedAt { get; set; }

    /// <summary>The last failure's text, kept for operators; it may hold the mail server's words, so pages show only its kind.</summary>
    public string? LastError { get; set; }

    /// <summary>The last failure's kind (<see cref="OutboxErrorKinds"/>), safe to show.</summary>
    public string? LastErrorKind { get; set; }

    /// <summary>
    /// The dispatcher instance that has claimed the message to send it (a lease, with <see cref="ClaimedUntil"/>); null
    /// when no one has. Another instance leaves a claimed message alone until the claim runs out, so that an instance
    /// that stopped mid-send does not keep it for ever.
    /// </summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Until when <see cref="ClaimedBy"/> holds the message; null, or past, when it is free to claim.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Concurrency token: two instances sharing a database never both mark one message sent, and a claim taken over after it ran out makes the first claimer's save fail.</summary>
    public int Version { get; set; }

    public const int ClaimedByMaxLength = 100;
}

/// <summary>What kind of failure stopped a send, in words that hold nothing from the message or the server.</summary>
public static class OutboxErrorKinds
{
    public const string Timeout = "Timeout";
    public const string Refused = "Refused";
    public const string Unreachable = "Unreachable";
    public const string SignInFailed = "SignInFailed";
    public const string NoAddress = "NoAddress";
    public const string Other = "Other";

    public const int MaxLength = 20;

    public static string Of(Exception exception) => exception switch
    {
        OperationCanceledException or TimeoutException => Timeout,
        MailKit.Security.AuthenticationException => SignInFailed,
        MailKit.Net.Smtp.SmtpCommandException => Refused,
        MimeKit.ParseException => NoAddress,
        InvalidOperationException when exception.Message.Contains("e-mail address", StringComparison.Ordinal) => NoAddress,
        System.Net.Sockets.SocketException or IOException or MailKit.Net.Smtp.SmtpProtocolException or MailKit.ServiceNotConnectedException => Unreachable,
        _ => Other,
    };
}
