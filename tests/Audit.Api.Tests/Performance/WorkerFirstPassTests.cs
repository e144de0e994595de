using Audit.Api.Infrastructure;
using Audit.Api.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Audit.Api.Tests.Performance;

/// <summary>
/// The periodic workers' first pass waits for the service to start and then for the first-pass delay, on the service's
/// clock (bench/README.md, "Start-up and idle memory"); with no delay it follows the start at once.
/// </summary>
public sealed class WorkerFirstPassTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AWorkerMakesNoPassBeforeItsFirstPassDelayHasPassedAndOneWhenItHas()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new WatchedClock(Start);
        using var lifetime = new Lifetime();
        var worker = new CountingWorker(clock, new WorkerStart(lifetime, TimeSpan.FromSeconds(2)));
        await worker.StartAsync(ct);
        lifetime.Started();

        (await clock.FirstTimer.WaitAsync(Guard, ct)).ShouldBe(TimeSpan.FromSeconds(2));
        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        worker.Passes.ShouldBe(0);

        clock.Advance(TimeSpan.FromTicks(1));
        (await worker.FirstPass.WaitAsync(Guard, ct)).ShouldBe(Start + TimeSpan.FromSeconds(2));
        await worker.StopAsync(ct);
    }

    [Fact]
    public async Task WithNoFirstPassDelayAWorkerMakesItsFirstPassAsSoonAsTheServiceHasStarted()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new WatchedClock(Start);
        using var lifetime = new Lifetime();
        var worker = new CountingWorker(clock, new WorkerStart(lifetime, TimeSpan.Zero));
        await worker.StartAsync(ct);
        worker.Passes.ShouldBe(0);

        lifetime.Started();

        (await worker.FirstPass.WaitAsync(Guard, ct)).ShouldBe(Start);
        worker.TimersBeforeFirstPass.ShouldBe(0);
        await worker.StopAsync(ct);
    }

    [Fact]
    public async Task AStopDuringTheFirstPassDelayEndsTheWorkerWithoutAPass()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new WatchedClock(Start);
        using var lifetime = new Lifetime();
        var start = new WorkerStart(lifetime, TimeSpan.FromSeconds(2));
        var worker = new CountingWorker(clock, start);
        await worker.StartAsync(ct);
        lifetime.Started();
        await clock.FirstTimer.WaitAsync(Guard, ct);

        await worker.StopAsync(ct);

        worker.Passes.ShouldBe(0);
        worker.ExecuteTask.ShouldNotBeNull().IsCompleted.ShouldBeTrue();
        start.FirstPassesMade.IsCompleted.ShouldBeTrue("a worker stopped before its first pass holds up nothing waiting for the first passes");
    }

    [Fact]
    public async Task TheFirstPassesAreMadeOnceEveryWorkerHasMadeItsFirstPass()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new WatchedClock(Start);
        using var lifetime = new Lifetime();
        var start = new WorkerStart(lifetime, TimeSpan.Zero);
        var one = new CountingWorker(clock, start);
        var two = new CountingWorker(clock, start);
        await one.StartAsync(ct);
        await two.StartAsync(ct);
        start.FirstPassesMade.IsCompleted.ShouldBeFalse();

        lifetime.Started();

        await start.FirstPassesMade.WaitAsync(Guard, ct);
        one.Passes.ShouldBe(1);
        two.Passes.ShouldBe(1);
        await one.StopAsync(ct);
        await two.StopAsync(ct);
    }

    [Fact]
    public void WithNoWorkerInTheBackgroundTheFirstPassesAreMadeAtOnce()
    {
        using var lifetime = new Lifetime();

        new WorkerStart(lifetime, TimeSpan.FromSeconds(2)).FirstPassesMade.IsCompleted.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, 2000)]
    [InlineData("0", 0)]
    [InlineData("0.5", 500)]
    [InlineData("-1", 0)]
    public void TheFirstPassDelayIsTwoSecondsUnlessTheSettingSaysOtherwise(string? setting, int milliseconds)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [WorkerStart.FirstPassDelaySetting] = setting })
            .Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostApplicationLifetime, Lifetime>()
            .BuildServiceProvider();

        WorkerStart.From(services).FirstPassDelay.ShouldBe(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Fact]
    public void TheTestHostsMakeTheirWorkersFirstPassAtOnce()
    {
        using var factory = new AuditApiFactory();

        factory.Services.GetRequiredService<WorkerStart>().FirstPassDelay.ShouldBe(TimeSpan.Zero);
    }

    /// <summary>A fake clock that says when the first timer (a delay) is made, and how many have been.</summary>
    private sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly TaskCompletionSource<TimeSpan> _firstTimer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private int _timers;

        public Task<TimeSpan> FirstTimer => _firstTimer.Task;

        public int Timers => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timers);
            _firstTimer.TrySetResult(dueTime);
            return timer;
        }
    }

    private sealed class CountingWorker(WatchedClock clock, WorkerStart start)
        : PeriodicWorker(clock, start, NullLogger.Instance)
    {
        private readonly TaskCompletionSource<DateTimeOffset> _firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private int _passes;

        public int Passes => Volatile.Read(ref _passes);

        /// <summary>The clock's time at the first pass.</summary>
        public Task<DateTimeOffset> FirstPass => _firstPass.Task;

        public int TimersBeforeFirstPass { get; private set; } = -1;

        protected override bool RunsInBackground => true;

        protected override TimeSpan Interval => TimeSpan.FromHours(1);

        protected override Task RunPassAsync(CancellationToken ct)
        {
            if (Interlocked.Increment(ref _passes) == 1)
            {
                TimersBeforeFirstPass = clock.Timers;
                _firstPass.TrySetResult(Clock.GetUtcNow());
            }

            return Task.CompletedTask;
        }
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();

        public CancellationToken ApplicationStarted => _started.Token;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Started() => _started.Cancel();

        public void StopApplication()
        {
        }

        public void Dispose() => _started.Dispose();
    }
}
