using System.Diagnostics;
using Audit.Api.Infrastructure;
using Audit.Api.Infrastructure.Telemetry;
using Audit.Api.Persistence;
using Audit.Api.Tenancy;
using Audit.Domain.Audits;
using Audit.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Workflows;

/// <summary>Bound from the "Timers" section.</summary>
public sealed class TimerOptions
{
    public const string Section = "Timers";

    /// <summary>Off only where something else drives the timers (tests call <see cref="TimerRunner.RunDueAsync"/>).</summary>
    public bool RunInBackground { get; set; } = true;

    public int IntervalSeconds { get; set; } = 30;

    /// <summary>How many due timers one transaction claims and fires; a pass takes batches until none is left.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// On PostgreSQL, write a batch's rows in a few set-based statements (<see cref="TimerBatchWriter"/>) rather than
    /// through EF's save, one statement a row. The same rows either way; off only to compare the two.
    /// </summary>
    public bool LeanWrite { get; set; } = true;
}

/// <summary>
/// Fires the workflow timers that have come due, a batch at a time, each batch in one transaction: the timers claimed,
/// their audits loaded together, each timer fired (its history line chained on, its effects applied, its change
/// records written as for one) and all saved at once. Several instances may share one database: on PostgreSQL a batch
/// claims its timers and their audits with <c>FOR UPDATE SKIP LOCKED</c>, so another instance's batch takes
/// other timers, an audit a request is writing is left for the next pass, and a request on a claimed audit waits for
/// the batch rather than deadlocking with it; on SQLite
/// (one process) the batch holds the writer gate. Each timer fires exactly once: a timer's concurrency token refuses a
/// second firing whatever happens. A batch that fails (a clash with a request, or one timer that cannot fire) is
/// rolled back whole and its timers are fired one at a time, so one bad timer holds up no other.
/// </summary>
public sealed partial class TimerRunner(IServiceScopeFactory scopes, TimerOptions options, TimeProvider clock, WorkerStart start, ILogger<TimerRunner> logger)
    : PeriodicWorker(clock, start, logger)
{
    private readonly ILogger<TimerRunner> _logger = logger;

    protected override bool RunsInBackground => options.RunInBackground;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.IntervalSeconds);

    protected override Task RunPassAsync(CancellationToken ct) => RunDueAsync(ct);

    /// <summary>Fires every timer due now, batch after batch, and answers how many fired (rather than being cancelled as stale).</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var size = Math.Max(1, options.BatchSize);
        var now = Clock.GetUtcNow();
        var fired = 0;
        while (true)
        {
            var batch = await FireBatchAsync(now, size, ct);
            fired += batch.Fired;

            // A short batch means nothing more is due (or the rest is another instance's); a batch that settled nothing
            // (every timer failed) is left for the next pass rather than claimed again at once.
            if (batch.Claimed < size || batch.Settled == 0)
            {
                return fired;
            }
        }
    }

    /// <summary>What a batch did: timers claimed, settled (fired, or cancelled as stale) and fired.</summary>
    private readonly record struct Batch(int Claimed, int Settled, int Fired)
    {
        public static Batch operator +(Batch a, Batch b) => new(a.Claimed + b.Claimed, a.Settled + b.Settled, a.Fired + b.Fired);
    }

    private async Task<Batch> FireBatchAsync(DateTimeOffset now, int size, CancellationToken ct)
    {
        List<Guid> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            var started = Stopwatch.GetTimestamp();
            await using var transaction = await db.BeginWriteTransactionAsync(ct);
            var timers = await ClaimAsync(db, now, size, id: null, ct);
            if (timers.Count == 0)
            {
                return default;
            }

            using var activity = AuditTelemetry.Source.StartActivity("audit.timers.fire");
            activity?.SetTag("audit.timers.due", timers.Count);
            claimed = timers.Select(t => t.Id).ToList();
            try
            {
                var fired = await FireAsync(scope.ServiceProvider, db, timers, options.LeanWrite, ct);
                var beforeCommit = Stopwatch.GetTimestamp();
                await transaction.CommitAsync(ct);
                Record(scope.ServiceProvider, fired);
                activity?.SetTag("audit.timers.fired", fired.Count);
                if (_logger.IsEnabled(LogLevel.Debug))
                {
                    var committed = (long)Stopwatch.GetElapsedTime(beforeCommit).TotalMilliseconds;
                    var whole = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    BatchTimes(_logger, timers.Count, whole, committed);
                }

                return new Batch(timers.Count, timers.Count, fired.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Rolled back whole as the transaction is disposed; each timer is tried on its own below.
                BatchFailed(_logger, timers.Count, ex);
            }
        }

        var result = new Batch(claimed.Count, 0, 0);
        foreach (var id in claimed)
        {
            result += await FireOneAsync(now, id, ct);
        }

        return result;
    }

    /// <summary>One timer in a transaction of its own: settled when it fired, was stale, or was no longer due (fired elsewhere).</summary>
    private async Task<Batch> FireOneAsync(DateTimeOffset now, Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        AuditTimer? timer = null;
        try
        {
            await using var transaction = await db.BeginWriteTransactionAsync(ct);
            timer = (await ClaimAsync(db, now, 1, id, ct)).SingleOrDefault();
            if (timer is null)
            {
                return new Batch(0, 1, 0);
            }

            var fired = await FireAsync(scope.ServiceProvider, db, [timer], options.LeanWrite, ct);
            await transaction.CommitAsync(ct);
            Record(scope.ServiceProvider, fired);
            return new Batch(0, 1, fired.Count);
        }
        catch (DbUpdateException)
        {
            // Another instance fired this timer, or changed the audit, first. Nothing of this attempt was saved.
            Lost(_logger, timer?.Name ?? "", timer?.AuditId ?? Guid.Empty);
            return default;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The timer stays due and is tried again on the next pass; the others carry on.
            NotFired(_logger, id, ex);
            return default;
        }
    }

    /// <summary>
    /// The due timers this transaction takes, oldest first (or the one named, if still due). On PostgreSQL each timer and
    /// its audit are locked until the transaction ends, skipping any another transaction holds.
    /// </summary>
    private static Task<List<AuditTimer>> ClaimAsync(AuditDbContext db, DateTimeOffset now, int size, Guid? id, CancellationToken ct)
    {
        var due = now.UtcTicks;
        if (!db.Database.IsSqlite())
        {
            // Raw SQL through EF (columns as the migrations name them; dates are UTC ticks on both databases). FOR UPDATE,
            // not the weaker NO KEY UPDATE: it conflicts with the key-share lock a request's first insert under the audit
            // (a grading, a history line) takes, so an audit a request is part-way through writing is skipped, and a request
            // that starts on a claimed audit waits before writing anything the batch would then wait for (a history line
            // of the same number): no deadlock. The request then finds the audit changed and answers 409.
            // One statement for a batch and for one named timer (id null: any due timer). Ordered as the index on
            // (FiredAt, CancelledAt, DueAt) holds them (both null here, so by DueAt), so that the scan stops after the batch:
            // ordering by DueAt alone, or with Id to break ties, sorted every due timer joined to its audit first (about a
            // second for each batch of 100,000 due at once).
            var query = db.AuditTimers.FromSql($"""
                SELECT t.* FROM "AuditTimers" AS t JOIN "Audits" AS a ON a."Id" = t."AuditId"
                WHERE t."FiredAt" IS NULL AND t."CancelledAt" IS NULL AND t."DueAt" <= {due}
                  AND (CAST({id} AS uuid) IS NULL OR t."Id" = CAST({id} AS uuid))
                ORDER BY t."FiredAt", t."CancelledAt", t."DueAt"
                LIMIT {size}
                FOR UPDATE OF t, a SKIP LOCKED
                """);
            return query.IgnoreQueryFilters().ToListAsync(ct);
        }

        // SQLite: the transaction holds the writer gate, so no one else writes until it ends.
        var pending = db.AuditTimers.InEveryCouncil().Where(t => t.FiredAt == null && t.CancelledAt == null && t.DueAt <= now);
        if (id is { } single)
        {
            pending = pending.Where(t => t.Id == single);
        }

        return pending.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(size).ToListAsync(ct);
    }

    /// <summary>
    /// Fires the timers against their audits, loaded together, and saves, council by council (each council's rows are
    /// read and written in that council, Tenancy.CurrentCouncil); answers those that fired, with their audits' workflows.
    /// On PostgreSQL the rows are written set-based (<see cref="TimerBatchWriter"/>) unless <paramref name="lean"/> is off
    /// or the batch changed something only EF's save writes.
    /// </summary>
    private static async Task<List<(string Workflow, AuditTimer Timer)>> FireAsync(IServiceProvider services, AuditDbContext db, List<AuditTimer> timers, bool lean, CancellationToken ct)
    {
        var workflow = services.GetRequiredService<AuditWorkflow>();
        var current = services.GetRequiredService<CurrentCouncil>();
        var logger = services.GetRequiredService<ILogger<TimerRunner>>();
        lean &= !db.Database.IsSqlite();
        var fired = new List<(string Workflow, AuditTimer Timer)>();
        var councils = timers.GroupBy(t => CouncilModel.CurrentOf(db.Entry(t)) ?? CurrentCouncil.Default).Select(g => (g.Key, Timers: g.ToList())).ToList();
        foreach (var council in councils)
        {
            using var inCouncil = current.Enter(council.Key);
            var started = Stopwatch.GetTimestamp();
            var timersOf = council.Timers.ToLookup(t => t.AuditId);
            var aggregates = await AuditAggregate.LoadManyAsync(
                db, council.Timers.Select(t => t.AuditId).Distinct().ToList(), ct, audit => timersOf[audit.Id].Any(t => ReadsGradings(workflow, audit, t)));
            var loaded = Stopwatch.GetTimestamp();
            foreach (var timer in council.Timers)
            {
                await workflow.FireTimerAsync(aggregates[timer.AuditId], timer, ct);
            }

            var applied = Stopwatch.GetTimestamp();
            var setBased = lean && await TimerBatchWriter.TryWriteAsync(db, ct);
            if (!setBased)
            {
                await db.SaveChangesAsync(ct);
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                var (load, apply, save) = ((long)Stopwatch.GetElapsedTime(started, loaded).TotalMilliseconds, (long)Stopwatch.GetElapsedTime(loaded, applied).TotalMilliseconds, (long)Stopwatch.GetElapsedTime(applied).TotalMilliseconds);
                FireTimes(logger, council.Timers.Count, load, apply, save, setBased ? "set-based" : "EF's save");
            }

            fired.AddRange(council.Timers.Where(t => t.FiredAt is not null).Select(t => (aggregates[t.AuditId].Audit.Workflow.Name, t)));
        }

        return fired;
    }

    /// <summary>
    /// Whether firing the timer may read the audit's gradings: if any effect it runs does (<see cref="EffectApplier.ReadsGradings"/>);
    /// not if it is stale (cancelled, nothing run).
    /// </summary>
    private static bool ReadsGradings(AuditWorkflow workflow, CaseFileAudit audit, AuditTimer timer)
    {
        if (timer.State != audit.State)
        {
            return false;
        }

        try
        {
            return WorkflowRuntime.TimerEffects(workflow.DefinitionOf(audit), audit.State, timer.Name).Any(EffectApplier.ReadsGradings);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Loaded whole; firing it then says what is wrong, as before.
            return true;
        }
    }

    private static void Record(IServiceProvider services, List<(string Workflow, AuditTimer Timer)> fired)
    {
        // From the scope, not the constructor: the runner starts with the service, the instruments need not.
        var telemetry = services.GetRequiredService<AuditTelemetry>();
        foreach (var (workflow, timer) in fired)
        {
            telemetry.TimerFired(workflow, timer.Name, timer.DueAt, timer.FiredAt!.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Timer} of audit {AuditId} was fired elsewhere first")]
    private static partial void Lost(ILogger logger, string timer, Guid auditId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} timers was rolled back; firing them one at a time")]
    private static partial void BatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer batch of {Count}: {WholeMs} ms in all, {CommitMs} ms to commit")]
    private static partial void BatchTimes(ILogger logger, int count, long wholeMs, long commitMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer batch of {Count}: {LoadMs} ms to load the audits, {ApplyMs} ms to fire, {SaveMs} ms to save ({Write})")]
    private static partial void FireTimes(ILogger logger, int count, long loadMs, long applyMs, long saveMs, string write);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {TimerId} did not fire; it will be tried again")]
    private static partial void NotFired(ILogger logger, Guid timerId, Exception exception);
}
