using Audit.Api.Infrastructure;
using Audit.Api.Infrastructure.Telemetry;
using Audit.Api.Persistence;
using Audit.Api.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Workflows;

/// <summary>Bound from the "Timers" section.</summary>
public sealed class TimerOptions
{
    public const string Section = "Timers";

    /// <summary>Off only where something else drives the timers (tests call <see cref="TimerRunner.RunDueAsync"/>).</summary>
    public bool RunInBackground { get; set; } = true;

    public int IntervalSeconds { get; set; } = 30;
    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// Fires the workflow timers that have come due, each in its own unit of work. A timer fired by another instance
/// sharing the database first is refused by its concurrency token, so every timer fires exactly once.
/// </summary>
public sealed partial class TimerRunner(IServiceScopeFactory scopes, TimerOptions options, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<TimerRunner> logger)
    : PeriodicWorker(clock, lifetime, logger)
{
    protected override bool RunsInBackground => options.RunInBackground;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.IntervalSeconds);

    protected override Task RunPassAsync(CancellationToken ct) => RunDueAsync(ct);

    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        List<(Guid Id, string Council)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = Clock.GetUtcNow();
            // Every council's timers; each fires in its own council (Tenancy.CurrentCouncil).
            due = (await scope.ServiceProvider.GetRequiredService<AuditDbContext>().AuditTimers.InEveryCouncil()
                .Where(t => t.FiredAt == null && t.CancelledAt == null && t.DueAt <= now)
                .OrderBy(t => t.DueAt)
                .Select(t => new { t.Id, Council = EF.Property<string>(t, CouncilModel.Property) })
                .Take(options.BatchSize)
                .ToListAsync(ct)).Select(t => (t.Id, t.Council)).ToList();
        }

        using var activity = due.Count == 0 ? null : AuditTelemetry.Source.StartActivity("audit.timers.fire");
        activity?.SetTag("audit.timers.due", due.Count);
        var fired = 0;
        foreach (var (id, council) in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            using var inCouncil = scope.ServiceProvider.GetRequiredService<CurrentCouncil>().Enter(council);
            var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            var timer = await db.AuditTimers.SingleAsync(t => t.Id == id, ct);
            if (!timer.IsPending)
            {
                continue;
            }

            var aggregate = await AuditAggregate.LoadAsync(db, timer.AuditId, ct);
            await scope.ServiceProvider.GetRequiredService<AuditWorkflow>()
                .FireTimerAsync(aggregate, timer, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                if (timer.FiredAt is { } firedAt)
                {
                    fired++;
                    // From the scope, not the constructor: the runner starts with the service, the instruments need not.
                    scope.ServiceProvider.GetRequiredService<AuditTelemetry>().TimerFired(aggregate.Audit.Workflow.Name, timer.Name, timer.DueAt, firedAt);
                }
            }
            catch (DbUpdateException)
            {
                // Another instance fired this timer, or changed the audit, first. Nothing of this attempt was saved.
                Lost(logger, timer.Name, timer.AuditId);
            }
        }

        activity?.SetTag("audit.timers.fired", fired);
        return fired;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Timer} of audit {AuditId} was fired elsewhere first")]
    private static partial void Lost(ILogger logger, string timer, Guid auditId);
}
