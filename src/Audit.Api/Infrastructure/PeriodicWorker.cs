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

    private IDisposable? _firstPass;

    /// <summary>
    /// Says the first pass will be made before the host goes on (<see cref="WorkerStart.FirstPassesMade"/>): the host
    /// calls this before the service has started, while <see cref="ExecuteAsync"/> runs on a pool thread of its own.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (RunsInBackground)
        {
            _firstPass ??= start.ExpectFirstPass();
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!RunsInBackground)
        {
            return;
        }

        using var firstPass = _firstPass ?? start.ExpectFirstPass();
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

            firstPass.Dispose();
            await Task.Delay(Interval, Clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker} failed a pass; it will try again")]
    private static partial void PassFailed(ILogger logger, string worker, Exception exception);
}
