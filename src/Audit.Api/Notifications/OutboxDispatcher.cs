using Audit.Api.Infrastructure;
using Audit.Api.Infrastructure.Telemetry;
using Audit.Api.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Notifications;

/// <summary>Bound from the "Notifications" section.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Off only where something else drives dispatch (tests call <see cref="OutboxDispatcher.DispatchOnceAsync"/>).</summary>
    public bool DispatchInBackground { get; set; } = true;

    public int DispatchIntervalSeconds { get; set; } = 10;
    public int BatchSize { get; set; } = 100;
    public int MaxAttempts { get; set; } = 10;
}

/// <summary>Sends what the outbox holds, oldest first; a failure is counted and tried again on the next pass.</summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, NotificationOptions options, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<OutboxDispatcher> logger)
    : PeriodicWorker(clock, lifetime, logger)
{
    protected override bool RunsInBackground => options.DispatchInBackground;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.DispatchIntervalSeconds);

    protected override Task RunPassAsync(CancellationToken ct) => DispatchOnceAsync(ct);

    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<INotificationSender>();
        var pending = await db.Outbox
            .Where(m => m.SentAt == null && m.Attempts < options.MaxAttempts)
            .OrderBy(m => m.Id)
            .Take(options.BatchSize)
            .Join(db.Notifications, m => m.NotificationId, n => n.Id, (m, n) => new { Message = m, Notification = n })
            .ToListAsync(ct);
        using var activity = pending.Count == 0 ? null : AuditTelemetry.Source.StartActivity("audit.outbox.dispatch");
        activity?.SetTag("audit.outbox.messages", pending.Count);
        foreach (var item in pending)
        {
            try
            {
                await sender.SendAsync(item.Notification, ct);
                item.Message.SentAt = Clock.GetUtcNow();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                item.Message.Attempts++;
                item.Message.LastError = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
            }

            item.Message.Version++;
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
}
