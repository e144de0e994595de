using Audit.Api.Infrastructure;
using Audit.Api.Infrastructure.Telemetry;
using Audit.Api.Persistence;
using Audit.Api.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Notifications;

/// <summary>
/// Sends what the outbox holds that is due, oldest first. A failure (an exception, or a send that takes longer than
/// the timeout) is counted and the message waits with exponential backoff before its next attempt; after
/// <see cref="NotificationOptions.MaxAttempts"/> failures it is parked for the PSW, and the parking is recorded.
/// Nothing is dropped.
/// </summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, NotificationOptions options, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<OutboxDispatcher> logger)
    : PeriodicWorker(clock, lifetime, logger)
{
    private readonly ILogger<OutboxDispatcher> _logger = logger;

    /// <summary>Who the change records of parking name: the service itself.</summary>
    public const string SystemUser = "system";

    protected override bool RunsInBackground => options.DispatchInBackground;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.DispatchIntervalSeconds);

    protected override Task RunPassAsync(CancellationToken ct) => DispatchOnceAsync(ct);

    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<INotificationSender>();
        var now = Clock.GetUtcNow();
        // Every council's messages, saved together: each row keeps its council (Tenancy.CurrentCouncil.Every).
        using var everyCouncil = scope.ServiceProvider.GetRequiredService<CurrentCouncil>().EnterEvery();
        var pending = await db.Outbox.InEveryCouncil()
            .Where(m => m.SentAt == null && m.ParkedAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.Id)
            .Take(options.BatchSize)
            .Join(db.Notifications, m => m.NotificationId, n => n.Id, (m, n) => new { Message = m, Notification = n })
            .ToListAsync(ct);
        using var activity = pending.Count == 0 ? null : AuditTelemetry.Source.StartActivity("audit.outbox.dispatch");
        activity?.SetTag("audit.outbox.messages", pending.Count);
        foreach (var item in pending)
        {
            var message = item.Message;
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.SendTimeoutSeconds), Clock);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
                await sender.SendAsync(item.Notification, linked.Token).WaitAsync(linked.Token);
                message.SentAt = Clock.GetUtcNow();
                message.NextAttemptAt = null;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                Failed(db, message, ex);
            }

            message.Version++;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance took the same messages first; they are its to record.
        }

        return pending.Count(p => p.Message.SentAt is not null);
    }

    private void Failed(AuditDbContext db, OutboxMessage message, Exception ex)
    {
        var at = Clock.GetUtcNow();
        message.Attempts++;
        message.LastErrorKind = OutboxErrorKinds.Of(ex);
        message.LastError = ex is OperationCanceledException ? $"No answer within {options.SendTimeoutSeconds} seconds." : ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
        if (message.Attempts < options.MaxAttempts)
        {
            message.NextAttemptAt = at + options.Backoff(message.Attempts);
            return;
        }

        message.NextAttemptAt = null;
        message.ParkedAt = at;
        Parked(_logger, message.Id, message.Attempts, message.LastErrorKind ?? OutboxErrorKinds.Other);
        var record = db.ChangeRecords.Add(new ChangeRecord
        {
            At = at,
            UserName = SystemUser,
            Entity = nameof(OutboxMessage),
            EntityKey = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Operation = "Parked",
            Changes = """{"fields":["Attempts","LastErrorKind","NextAttemptAt","ParkedAt"]}""",
        });
        CouncilModel.Stamp(record, CouncilModel.CurrentOf(db.Entry(message)));
    }

    // The outbox row's id and the failure's kind only: the recipient and the server's words stay out of the logs.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxMessageId} parked after {Attempts} failed attempts ({ErrorKind}); the PSW can send it again")]
    private static partial void Parked(ILogger logger, long outboxMessageId, int attempts, string errorKind);
}
