using System.Diagnostics;
using System.Net.Http.Headers;

namespace Audit.Perf.Grading;

/// <summary>What one leg measured: completed requests in the measured window, their latencies, and every answer that was not 2xx.</summary>
public sealed record LegResult(
    string Name,
    int Completed,
    TimeSpan Elapsed,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    IReadOnlyDictionary<string, int> Failures,
    IReadOnlyList<string> FailureSamples,
    bool RanOutOfAudits,
    int WarmUpRequests,
    TimeSpan ServerCpu)
{
    /// <summary>The server process's CPU time (user and system) over the measured window, per completed request.</summary>
    public double CpuMsPerRequest => Completed == 0 ? double.NaN : ServerCpu.TotalMilliseconds / Completed;

    public double RequestsPerSecond => Completed / Elapsed.TotalSeconds;

    public int FailureCount => Failures.Values.Sum();
}

/// <summary>
/// A small closed-loop load generator: <c>connections</c> workers, each with its own keep-alive connection, post a
/// grading to the next audit not yet graded, read the whole answer, and go again. A few requests one at a time, then a
/// warm-up on the same workers, run first; only requests started after it are measured. Every answer that is not 2xx, and every failed request, is
/// counted by its status (or exception) and the first few bodies kept.
/// </summary>
public static class LoadGenerator
{
    private const int SamplesKept = 5;
    private const int PrimingRequests = 5;

    public static async Task<LegResult> RunAsync(
        string name,
        Uri address,
        string token,
        int serverProcessId,
        IReadOnlyList<Guid> audits,
        ReadOnlyMemory<byte> body,
        int connections,
        TimeSpan warmUp,
        TimeSpan duration,
        CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        using var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var paths = audits.Select(id => new Uri($"/api/audits/{id:D}/gradings", UriKind.Relative)).ToArray();

        var next = -1;

        // A few gradings one at a time first, so that the server's first (cold) requests are not 16 at once.
        for (var i = 0; i < PrimingRequests && i < paths.Length; i++)
        {
            using var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(paths[Interlocked.Increment(ref next)], content, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{name}: the first gradings were answered {(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync(ct))}");
            }
        }

        var clock = Stopwatch.StartNew();
        var measureFrom = warmUp.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        var stopAt = measureFrom + (duration.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = new List<string>();
        var ranOut = false;
        var warmUpRequests = next + 1;
        long lastMeasuredEnd = 0;

        async Task<List<long>> WorkerAsync()
        {
            var latencies = new List<long>(4096);
            while (!ct.IsCancellationRequested)
            {
                var started = clock.ElapsedTicks;
                if (started >= stopAt)
                {
                    break;
                }

                var index = Interlocked.Increment(ref next);
                if (index >= paths.Length)
                {
                    ranOut = true;
                    break;
                }

                string? failure = null, sample = null;
                try
                {
                    using var content = new ReadOnlyMemoryContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await client.PostAsync(paths[index], content, ct);
                    var answer = await response.Content.ReadAsStringAsync(ct);
                    if (!response.IsSuccessStatusCode)
                    {
                        failure = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        sample = $"{failure} for audit {audits[index]}: {Truncate(answer)}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    failure = e.GetType().Name;
                    sample = $"{failure} for audit {audits[index]}: {e.Message}";
                }

                var ended = clock.ElapsedTicks;
                var measured = started >= measureFrom;
                if (failure is not null)
                {
                    // A failure in the warm-up counts as much as one measured: the run must be clean throughout.
                    failure = measured ? failure : $"{failure} (warm-up)";
                    lock (failures)
                    {
                        failures[failure] = failures.GetValueOrDefault(failure) + 1;
                        if (samples.Count < SamplesKept)
                        {
                            samples.Add(sample!);
                        }
                    }
                }

                if (!measured)
                {
                    Interlocked.Increment(ref warmUpRequests);
                    continue;
                }

                if (failure is null)
                {
                    latencies.Add(ended - started);
                }

                InterlockedMax(ref lastMeasuredEnd, ended);
            }

            return latencies;
        }

        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(WorkerAsync, ct)).ToList();
        await Task.WhenAny(Task.WhenAll(workers), Task.Delay(warmUp, ct));
        var cpuBefore = ProcessCpu.Of(serverProcessId);
        var all = (await Task.WhenAll(workers)).SelectMany(l => l).ToArray();
        var serverCpu = ProcessCpu.Of(serverProcessId) - cpuBefore;
        Array.Sort(all);
        var elapsed = TimeSpan.FromSeconds(Math.Max(0, lastMeasuredEnd - measureFrom) / (double)Stopwatch.Frequency);
        return new LegResult(
            name,
            all.Length,
            elapsed,
            Percentile(all, 0.50),
            Percentile(all, 0.99),
            all.Length == 0 ? double.NaN : Milliseconds(all[^1]),
            failures,
            samples,
            ranOut,
            warmUpRequests,
            serverCpu);
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : Milliseconds(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");
}
