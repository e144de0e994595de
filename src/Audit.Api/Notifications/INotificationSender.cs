using Audit.Domain.Notifications;

namespace Audit.Api.Notifications;

/// <summary>Sends a notification by a channel outside the app. Add an e-mail sender by implementing this; nothing else changes.</summary>
public interface INotificationSender
{
    Task SendAsync(Notification notification, CancellationToken ct);
}

/// <summary>The default channel: a log line per notification, so that deployments without e-mail still drain the outbox.</summary>
internal sealed partial class LoggingNotificationSender(ILogger<LoggingNotificationSender> logger) : INotificationSender
{
    public Task SendAsync(Notification notification, CancellationToken ct)
    {
        Sent(logger, notification.Kind, notification.Id);
        return Task.CompletedTask;
    }

    // The notification's id, not its recipient or message: logs leave the service, and a person's user name is theirs.
    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Kind} {NotificationId} sent to the log (no e-mail sender is configured)")]
    private static partial void Sent(ILogger logger, NotificationKind kind, Guid notificationId);
}
