using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.RecordKeeping;

/// <summary>
/// Writes a history anchor whenever the newest one is older than <see cref="RecordKeepingOptions.AnchorEvery"/>
/// (daily by default). It looks once an hour, so a restart neither skips a day nor writes twice.
/// </summary>
public sealed class AnchorRunner(IServiceScopeFactory scopes, RecordKeepingOptions options, RecordKeepingPaths paths, TimeProvider clock, WorkerStart start, ILogger<AnchorRunner> logger)
    : PeriodicWorker(clock, start, logger)
{
    protected override bool RunsInBackground => options.AnchorInBackground;

    protected override TimeSpan Interval => TimeSpan.FromHours(1) < options.AnchorEvery ? TimeSpan.FromHours(1) : options.AnchorEvery;

    protected override Task RunPassAsync(CancellationToken ct) => AnchorIfDueAsync(ct);

    /// <summary>Writes an anchor if none has been written within the interval; says whether it did.</summary>
    public async Task<bool> AnchorIfDueAsync(CancellationToken ct)
    {
        var newest = await HistoryAnchor.NewestInAsync(paths.AnchorFolder, ct);
        if (newest is not null && Clock.GetUtcNow() - newest.WrittenAt < options.AnchorEvery)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new AnchorHistory(), ct);
        return true;
    }
}
