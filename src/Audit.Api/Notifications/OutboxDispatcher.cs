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
/// <para>
/// Several instances may share the database, and each message goes out once: a dispatcher first claims a batch (a lease:
/// <see cref="OutboxMessage.ClaimedBy"/> and <see cref="OutboxMessage.ClaimedUntil"/>, written in one statement that on
/// PostgreSQL skips rows another claim is writing, <c>FOR UPDATE SKIP LOCKED</c>), then sends each and records it at
/// once, so that a stop mid-batch resends nothing already recorded. Others leave claimed messages alone until the
/// claim runs out, and no send is started that could outlast it. The send is not held inside a database transaction.
/// </para>
/// </summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, NotificationOptions options, TimeProvider clock, WorkerStart start, ILogger<OutboxDispatcher> logger)
    : PeriodicWorker(clock, start, logger)
{
    private readonly ILogger<OutboxDispatcher> _logger = logger;

    /// <summary>Who the change records of parking name: the service itself.</summary>
    public const string SystemUser = "system";

    /// <summary>This dispatcher's name in its claims: the machine, the process and one id for this dispatcher.</summary>
    public string Claimant { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}" is var name && name.Length > OutboxMessage.ClaimedByMaxLength
        ? name[^OutboxMessage.ClaimedByMaxLength..]
        : name;

    protected override bool RunsInBackground => options.DispatchInBackground;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.DispatchIntervalSeconds);

    protected override Task RunPassAsync(CancellationToken ct) => DispatchOnceAsync(ct);

    private TimeSpan SendTimeout => TimeSpan.FromSeconds(options.SendTimeoutSeconds);

    // Long enough for at least two sends, whatever is configured.
    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(options.ClaimSeconds, 2 * options.SendTimeoutSeconds));

    /// <summary>Sends every message due now, a claimed batch at a time, and answers how many were sent.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        var size = Math.Max(1, options.BatchSize);
        var sent = 0;
        while (true)
        {
            var (claimed, tried, batchSent) = await DispatchBatchAsync(size, ct);
            sent += batchSent;

            // A short batch means nothing more is due (or the rest is claimed elsewhere). Failed messages wait for their
            // next attempt time, so they are not claimed again in this pass.
            if (claimed < size || tried == 0)
            {
                return sent;
            }
        }
    }

    private async Task<(int Claimed, int Tried, int Sent)> DispatchBatchAsync(int size, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        var now = Clock.GetUtcNow();
        var until = now + Lease;
        var ids = await ClaimAsync(db, now, until, size, ct);
        if (ids.Count == 0)
        {
            return (0, 0, 0);
        }

        // Every council's messages, each recorded in its own council (Tenancy.CurrentCouncil.Every).
        using var everyCouncil = scope.ServiceProvider.GetRequiredService<CurrentCouncil>().EnterEvery();
        var sender = scope.ServiceProvider.GetRequiredService<INotificationSender>();
        var claimed = await db.Outbox.InEveryCouncil()
            .Where(m => ids.Contains(m.Id))
            .OrderBy(m => m.Id)
            .Join(db.Notifications, m => m.NotificationId, n => n.Id, (m, n) => new { Message = m, Notification = n })
            .ToListAsync(ct);
        using var activity = AuditTelemetry.Source.StartActivity("audit.outbox.dispatch");
        activity?.SetTag("audit.outbox.messages", claimed.Count);
        var tried = 0;
        var sent = 0;
        foreach (var item in claimed)
        {
            if (Clock.GetUtcNow() + SendTimeout >= until)
            {
                // A send started now could outlast the claim: the rest are released below for the next pass.
                break;
            }

            var message = item.Message;
            try
            {
                using var timeout = new CancellationTokenSource(SendTimeout, Clock);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
                await sender.SendAsync(item.Notification, linked.Token).WaitAsync(linked.Token);
                message.SentAt = Clock.GetUtcNow();
                message.NextAttemptAt = null;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                Failed(db, message, ex);
            }

            message.ClaimedBy = null;
            message.ClaimedUntil = null;
            message.Version++;
            try
            {
                // Recorded at once: what was sent is never sent again, whatever stops this instance next.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The claim ran out and another instance took the message over: it is theirs to record. This batch stops.
                TakenOver(_logger, message.Id);
                db.ChangeTracker.Clear();
                break;
            }

            tried++;
            if (message.SentAt is not null)
            {
                sent++;
            }
        }

        if (tried < claimed.Count)
        {
            await ReleaseAsync(db, claimed.Skip(tried).Select(c => c.Message.Id).ToList(), ct);
        }

        return (ids.Count, tried, sent);
    }

    /// <summary>
    /// Claims up to <paramref name="size"/> due messages for this dispatcher until <paramref name="until"/>, oldest first,
    /// in one statement, and answers their ids. Due: not sent, not parked, its next attempt time reached, and not
    /// claimed by anyone whose claim still holds. The claim bumps the concurrency token, so a dispatcher whose claim
    /// was taken over cannot record over the new claimer.
    /// </summary>
    private async Task<List<long>> ClaimAsync(AuditDbContext db, DateTimeOffset now, DateTimeOffset until, int size, CancellationToken ct)
    {
        var (at, to) = (now.UtcTicks, until.UtcTicks);
        // SQLite: one writer at a time, under the writer gate, so the statement alone is the claim. PostgreSQL: rows
        // another dispatcher's claim is writing are skipped rather than waited for; one whose claim has just committed is
        // checked again against the outer condition, so it is never claimed twice.
        var sql = db.Database.IsSqlite() ? ClaimSql : ClaimSql.Replace("/* lock */", "FOR UPDATE SKIP LOCKED", StringComparison.Ordinal);
        await using var transaction = await db.BeginWriteTransactionAsync(ct);
        var ids = await db.Database.SqlQueryRaw<long>(
            sql,
            Claimant,
            to,
            at,
            size)
            .ToListAsync(ct);
        await transaction.CommitAsync(ct);
        return ids;
    }

    // {0} claimant, {1} claimed until, {2} now, {3} batch size; dates are UTC ticks on both databases.
    private const string ClaimSql = """
        UPDATE "Outbox" SET "ClaimedBy" = {0}, "ClaimedUntil" = {1}, "Version" = "Version" + 1
        WHERE ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {2}) AND "SentAt" IS NULL AND "ParkedAt" IS NULL
          AND "Id" IN (
            SELECT "Id" FROM "Outbox"
            WHERE "SentAt" IS NULL AND "ParkedAt" IS NULL
              AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {2})
              AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {2})
            ORDER BY "Id"
            LIMIT {3}
            /* lock */)
        RETURNING "Id" AS "Value"
        """;

    /// <summary>Gives back claimed messages this pass did not get to, so that any instance may take them at once.</summary>
    private async Task ReleaseAsync(AuditDbContext db, List<long> ids, CancellationToken ct)
    {
        await using var transaction = await db.BeginWriteTransactionAsync(ct);
        await db.Outbox.InEveryCouncil()
            .Where(m => ids.Contains(m.Id) && m.ClaimedBy == Claimant && m.SentAt == null)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.Version, m => m.Version + 1),
                ct);
        await transaction.CommitAsync(ct);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxMessageId} was taken over by another instance after this one's claim ran out; it may have gone twice")]
    private static partial void TakenOver(ILogger logger, long outboxMessageId);
}
