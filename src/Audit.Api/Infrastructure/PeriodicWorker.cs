namespace Audit.Api.Infrastructure;

/// <summary>
/// A background job that runs one pass now and then again every <see cref="Interval"/>, on the service's clock. A
/// failed pass is logged and the next pass tries again; nothing a pass did not save is lost, because every pass
/// starts from what the database holds. The first pass waits until the service has started and listens, and then the
/// first-pass delay (<see cref="WorkerStart"/>): its queries would otherwise compete with start-up for the machine
/// (bench/README.md, "Start-up and idle memory").
/// </summary>
public abstract partial class PeriodicWorker(TimeProvider clock, WorkerStart start, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Off only where something else drives the passes (tests call them directly).</summary>
    protected abstract bool RunsInBackground { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunPassAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!RunsInBackground)
        {
            return;
        }

        await start.FirstPassAsync(Clock, stoppingToken);
        while (RunsInBackground && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PassFailed(logger, GetType().Name, ex);
            }

            await Task.Delay(Interval, Clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker} failed a pass; it will try again")]
    private static partial void PassFailed(ILogger logger, string worker, Exception exception);
}
