using Audit.Domain.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Audit.Api.Notifications;

/// <summary>
/// Sends a notification as an e-mail through the configured SMTP server. The e-mail holds nothing from the
/// notification but its recipient: a plain subject and a link to sign in, so no child's, family's or worker's detail
/// ever leaves the service by mail. A failure throws; the outbox counts it and tries again later.
/// </summary>
public sealed class SmtpNotificationSender(NotificationOptions options) : INotificationSender
{
    public const string Subject = "You have a new notification in the case file audit service";

    public async Task SendAsync(Notification notification, CancellationToken ct)
    {
        var smtp = options.Smtp;
        using var message = Compose(notification.Recipient);
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(options.SendTimeoutSeconds).TotalMilliseconds };
        await client.ConnectAsync(smtp.Host ?? "", smtp.Port, Secure(smtp.Security), ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>The whole e-mail: who it is to, and words that say only that there is something to read.</summary>
    public MimeMessage Compose(string recipient)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.Smtp.FromName, options.Smtp.From ?? ""));
        message.To.Add(MailboxAddress.Parse(AddressOf(recipient)));
        message.Subject = Subject;
        message.Body = new TextPart("plain")
        {
            Text = $"""
                You have a new notification in the case file audit service.

                Sign in to read it: {options.SignInUrl}

                This e-mail says nothing more on purpose. What the notification is about is kept in the service.
                """,
        };
        return message;
    }

    private string AddressOf(string recipient)
    {
        if (recipient.Contains('@', StringComparison.Ordinal))
        {
            return recipient;
        }

        return string.IsNullOrWhiteSpace(options.Smtp.RecipientDomain)
            ? throw new InvalidOperationException("The recipient has no e-mail address: set Notifications:Smtp:RecipientDomain.")
            : $"{recipient}@{options.Smtp.RecipientDomain}";
    }

    private static SecureSocketOptions Secure(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}

public static class NotificationSetup
{
    /// <summary>
    /// E-mail through SMTP when "Notifications:Smtp:Host" is set, otherwise the log. A host without a sign-in link or a
    /// sender address stops the service at start rather than sending e-mails that cannot be acted on.
    /// </summary>
    public static IServiceCollection AddNotificationSender(this IServiceCollection services, NotificationOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            return services.AddSingleton<INotificationSender, LoggingNotificationSender>();
        }

        if (string.IsNullOrWhiteSpace(options.SignInUrl) || !Uri.TryCreate(options.SignInUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("Notifications:SignInUrl must be the absolute address of the sign-in page when Notifications:Smtp:Host is set.");
        }

        if (string.IsNullOrWhiteSpace(options.Smtp.From))
        {
            throw new InvalidOperationException("Notifications:Smtp:From must be set when Notifications:Smtp:Host is set.");
        }

        return services.AddSingleton<INotificationSender, SmtpNotificationSender>();
    }
}
