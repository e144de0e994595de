namespace Audit.Api.Infrastructure;

/// <summary>
/// When the periodic workers (<see cref="PeriodicWorker"/>) make their first pass: once the service has started and
/// listens, and then <see cref="FirstPassDelay"/> later on the service's clock. Their first passes compile EF's first
/// queries, cold; made at once, they competed with the first requests, <c>/health/ready</c> among them
/// (bench/README.md, "Start-up and idle memory"). Every pass after the first follows the worker's interval as before.
/// </summary>
public sealed class WorkerStart(IHostApplicationLifetime lifetime, TimeSpan firstPassDelay)
{
    /// <summary>The setting, in seconds (fractions allowed); 0 makes the first pass as soon as the service has started.</summary>
    public const string FirstPassDelaySetting = "Startup:WorkersFirstPassDelaySeconds";

    public static readonly TimeSpan DefaultFirstPassDelay = TimeSpan.FromSeconds(2);

    public TimeSpan FirstPassDelay { get; } = firstPassDelay < TimeSpan.Zero ? TimeSpan.Zero : firstPassDelay;

    public static WorkerStart From(IServiceProvider services)
    {
        var seconds = services.GetRequiredService<IConfiguration>().GetValue<double?>(FirstPassDelaySetting);
        return new WorkerStart(
            services.GetRequiredService<IHostApplicationLifetime>(),
            seconds is { } value ? TimeSpan.FromSeconds(value) : DefaultFirstPassDelay);
    }

    private readonly TaskCompletionSource _firstPassesMade = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _expected;

    /// <summary>
    /// Completes once every worker that runs in the background has made its first pass (or stopped before it); at once
    /// when none does. Read it once the service has started: every worker has said it will make a pass by then.
    /// </summary>
    public Task FirstPassesMade => Volatile.Read(ref _expected) == 0 ? Task.CompletedTask : _firstPassesMade.Task;

    /// <summary>A worker's word that it will make a first pass; disposing it says the pass is made (or will not be).</summary>
    public IDisposable ExpectFirstPass()
    {
        Interlocked.Increment(ref _expected);
        return new FirstPass(this);
    }

    private sealed class FirstPass(WorkerStart start) : IDisposable
    {
        private int _made;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _made, 1) == 0 && Interlocked.Decrement(ref start._expected) == 0)
            {
                start._firstPassesMade.TrySetResult();
            }
        }
    }

    /// <summary>Waits until the service has started, then the first-pass delay on <paramref name="clock"/>; a stop ends the wait.</summary>
    public async Task FirstPassAsync(TimeProvider clock, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetResult()))
        {
            await started.Task;
        }

        if (FirstPassDelay > TimeSpan.Zero && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(FirstPassDelay, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
