namespace Audit.Api.Notifications;

/// <summary>Bound from the "Notifications" section.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Off only where something else drives dispatch (tests call <see cref="OutboxDispatcher.DispatchOnceAsync"/>).</summary>
    public bool DispatchInBackground { get; set; } = true;

    public int DispatchIntervalSeconds { get; set; } = 10;
    public int BatchSize { get; set; } = 100;

    /// <summary>How many times a message is tried before it is parked for the PSW to look at.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failure; it doubles after each further failure, up to <see cref="RetryMaxSeconds"/>.</summary>
    public int RetryBaseSeconds { get; set; } = 30;

    public int RetryMaxSeconds { get; set; } = 3600;

    /// <summary>How long one send may take before it counts as a failed attempt (a mail server that accepts and then hangs).</summary>
    public int SendTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How long a dispatcher's claim on a batch of messages lasts. Another instance leaves them alone until then; an
    /// instance that stops mid-batch loses its claim when it runs out. A send is not started that could outlast it.
    /// </summary>
    public int ClaimSeconds { get; set; } = 300;

    /// <summary>
    /// The address of the service's sign-in page, the only link an e-mail carries. Needed when <see cref="Smtp"/> has a
    /// host: an e-mail never says more than "sign in to read it".
    /// </summary>
    public string? SignInUrl { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> failures: base × 2^(attempts − 1), capped.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var seconds = RetryBaseSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, RetryMaxSeconds));
    }
}

/// <summary>How the connection to the mail server is secured (MailKit's SecureSocketOptions, by name).</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto,

    /// <summary>No TLS at all: only for a relay on the same machine or a test listener.</summary>
    None,

    /// <summary>STARTTLS, refusing a server that does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>Bound from "Notifications:Smtp". With no <see cref="Host"/>, notifications go to the log instead.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Optional: sign in to the server only when a user name is set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address, e.g. audit-noreply@council.gov.uk.</summary>
    public string? From { get; set; }

    public string FromName { get; set; } = "Case file audit";

    /// <summary>
    /// Staff are addressed by user name: one that is already an e-mail address is used as it is; any other gets
    /// "@" and this domain.
    /// </summary>
    public string? RecipientDomain { get; set; }
}
