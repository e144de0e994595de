using System.Globalization;

namespace Audit.Perf.Grading;

/// <summary>
/// Gradings under load: <c>POST /api/audits/{id}/gradings</c> at 16 connections against the product and against
/// <see cref="BaselineServer"/>, a lean endpoint doing a grading's essential writes on the same schema, each on its own
/// fresh copy of one prepared file, interleaved baseline, product, baseline, product. Prints each leg, the medians and
/// the ratios against issue 10's goals (at least 25% of the baseline's requests a second, a p99 at most 4× its).
/// </summary>
public sealed class GradingCommand : IPerfCommand
{
    public const string CommandName = "grading";

    /// <summary>The hidden mode that runs the baseline endpoint in its own process: <c>grading serve-baseline --db F --port P</c>.</summary>
    public const string ServeBaseline = "serve-baseline";

    private const double GoalShare = 0.25;
    private const double GoalP99Ratio = 4.0;

    /// <summary>
    /// The product as configured, but for its per-user write limit (120 a minute), which would answer this load 429:
    /// the limiter still runs, with room for every grading.
    /// </summary>
    private static readonly Dictionary<string, string> ProductSettings = new(StringComparer.Ordinal) { ["Limits:WritesPerMinute"] = "100000000" };

    /// <summary>What the README's "Performance" section advises for <c>DOTNET_GCgen0size</c>.</summary>
    public const string DeploymentGen0Size = "0x2000000";

    public string Name => CommandName;

    public string Description =>
        "Gradings under load against a raw Microsoft.Data.Sqlite endpoint [--audits 100000] [--connections 16] [--seconds 10] [--warmup 5] [--rounds 2] [--work DIR] [--fresh] [--only baseline|product] [--gen0 0x2000000|default]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var options = Options.Parse(args);
        if (args.Count > 0 && args[0] == ServeBaseline)
        {
            return await BaselineServer.RunAsync(options.Text("db") ?? throw new ArgumentException("--db is required"), options.Int("port", 0), options.Text("grader") ?? GradingDatabase.Auditor, ct);
        }

        // Enough that neither server runs out within its warm-up and window: the baseline graded 3,600 a second here.
        var audits = options.Int("audits", 100_000);
        var connections = options.Int("connections", 16);
        var seconds = options.Int("seconds", 10);
        var warmUp = options.Int("warmup", 5);
        var rounds = options.Int("rounds", 2);
        var only = options.Text("only");
        var work = Path.GetFullPath(options.Text("work") ?? Path.Combine(Path.GetTempPath(), "audit-perf-grading"));

        // The garbage collector's gen0 budget, the same for both servers: where the machine reports no L3 cache (many
        // virtual machines) .NET gives gen0 about 2 MiB and collects every few requests (README, "Performance").
        var gen0 = options.Text("gen0") ?? DeploymentGen0Size;
        var environment = gen0 == "default" ? new Dictionary<string, string>() : new Dictionary<string, string> { ["DOTNET_GCgen0size"] = gen0 };

        Console.WriteLine($"Grading under load: {connections} connections, {warmUp} s warm-up then {seconds} s measured, {rounds} round(s) of baseline then product; gen0 budget {gen0}; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var prepared = await GradingDatabase.PrepareAsync(work, audits, options.Flag("fresh"), ct);
        var body = prepared.Body();

        var legs = new List<(bool Product, LegResult Result)>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var product in new[] { false, true })
            {
                if (only is not null && only != (product ? "product" : "baseline"))
                {
                    continue;
                }

                var name = $"{(product ? "product" : "baseline")} {round}";
                var file = prepared.CopyTo(Path.Combine(work, $"leg-{(product ? "product" : "baseline")}.db"));
                var result = await RunLegAsync(name, product, file, prepared, body, environment, connections, TimeSpan.FromSeconds(warmUp), TimeSpan.FromSeconds(seconds), ct);
                var stored = CountGradings(file);
                GradingDatabase.Delete(file);
                Print(result, stored);
                legs.Add((product, result));
            }
        }

        return Summarise(legs, seconds);
    }

    private static async Task<LegResult> RunLegAsync(
        string name, bool product, string file, GradingDatabase prepared, byte[] body, IReadOnlyDictionary<string, string> environment, int connections, TimeSpan warmUp, TimeSpan duration, CancellationToken ct)
    {
        if (product)
        {
            await using var service = await ProductProcess.StartAsync(file, ProductSettings.Concat(environment).ToDictionary(), ct);
            using var auditor = await service.ClientForAsync(GradingDatabase.Auditor, ct);
            var token = auditor.DefaultRequestHeaders.Authorization!.Parameter!;
            return await LoadGenerator.RunAsync(name, service.Address, token, service.ProcessId, prepared.Audits, body, connections, warmUp, duration, ct);
        }

        await using var baseline = await BaselineProcess.StartAsync(file, GradingDatabase.Auditor, environment, ct);
        return await LoadGenerator.RunAsync(name, baseline.Address, "baseline-accepts-any-bearer-token", baseline.ProcessId, prepared.Audits, body, connections, warmUp, duration, ct);
    }

    /// <summary>The auditor's gradings in a leg's file once its server has stopped: every 2xx answered must be there.</summary>
    private static long CountGradings(string file)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Gradings WHERE Grader = $grader";
        command.Parameters.AddWithValue("$grader", GradingDatabase.Auditor);
        return (long)command.ExecuteScalar()!;
    }

    private static void Print(LegResult r, long stored)
    {
        Console.WriteLine(
            $"{r.Name,-11} {r.RequestsPerSecond,9:F0} req/s  p50 {r.P50Ms,8:F1} ms  p99 {r.P99Ms,8:F1} ms  max {r.MaxMs,8:F1} ms  " +
            $"server CPU {r.CpuMsPerRequest,5:F2} ms/req  {r.Completed} in {r.Elapsed.TotalSeconds:F1} s (+{r.WarmUpRequests} warm-up)  non-2xx/failed: {r.FailureCount}");
        if (r.FailureCount > 0)
        {
            Console.WriteLine($"  !!! {r.Name}: {r.FailureCount} answers were not 2xx: {string.Join(", ", r.Failures.Select(f => $"{f.Key} ×{f.Value}"))}");
            foreach (var sample in r.FailureSamples)
            {
                Console.WriteLine($"  !!!   {sample}");
            }
        }

        if (r.RanOutOfAudits)
        {
            Console.WriteLine($"  !!! {r.Name} ran out of audits before the time was up: measured over {r.Elapsed.TotalSeconds:F1} s. Give more with --audits.");
        }

        var answered = r.Completed + r.WarmUpRequests - r.FailureCount;
        if (stored < answered)
        {
            Console.WriteLine($"  !!! {r.Name}: {answered} gradings were answered 2xx but the file holds {stored}.");
        }
    }

    private static int Summarise(List<(bool Product, LegResult Result)> legs, int seconds)
    {
        var baseline = legs.Where(l => !l.Product).Select(l => l.Result).ToList();
        var product = legs.Where(l => l.Product).Select(l => l.Result).ToList();
        Console.WriteLine();
        Console.WriteLine("| medians | req/s | p50 | p99 | server CPU per grading | non-2xx |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, results) in new[] { ("baseline (raw Microsoft.Data.Sqlite)", baseline), ("product", product) })
        {
            if (results.Count > 0)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {name} | {Median(results, r => r.RequestsPerSecond):F0} | {Median(results, r => r.P50Ms):F1} ms | {Median(results, r => r.P99Ms):F1} ms | {Median(results, r => r.CpuMsPerRequest):F2} ms | {results.Sum(r => r.FailureCount)} |"));
            }
        }

        if (baseline.Count == 0 || product.Count == 0)
        {
            return 0;
        }

        var share = Median(product, r => r.RequestsPerSecond) / Median(baseline, r => r.RequestsPerSecond);
        var p99 = Median(product, r => r.P99Ms) / Median(baseline, r => r.P99Ms);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"product req/s ÷ baseline req/s: {share:P1} (goal ≥ {GoalShare:P0}; stretch 50%) {(share >= GoalShare ? "met" : "NOT MET")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"product p99 ÷ baseline p99:     {p99:F1}× (goal ≤ {GoalP99Ratio:F0}×) {(p99 <= GoalP99Ratio ? "met" : "NOT MET")}"));

        var failures = product.Sum(r => r.FailureCount) + baseline.Sum(r => r.FailureCount);
        if (failures > 0)
        {
            Console.WriteLine($"!!! {failures} answers were not 2xx: this run does not count.");
            return 1;
        }

        if (legs.Any(l => l.Result.RanOutOfAudits))
        {
            Console.WriteLine($"!!! A leg ran out of audits before {seconds} s: figures are over the time it had; give more with --audits.");
        }

        return 0;
    }

    private static double Median(IReadOnlyList<LegResult> results, Func<LegResult, double> value)
    {
        var sorted = results.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary><c>--name value</c> pairs and bare <c>--flag</c>s.</summary>
    private sealed class Options
    {
        private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

        public static Options Parse(IReadOnlyList<string> args)
        {
            var options = new Options();
            for (var i = 0; i < args.Count; i++)
            {
                if (args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                    options._values[args[i][2..]] = hasValue ? args[++i] : null;
                }
            }

            return options;
        }

        public string? Text(string name) => _values.GetValueOrDefault(name);

        public bool Flag(string name) => _values.ContainsKey(name);

        public int Int(string name, int fallback) =>
            _values.TryGetValue(name, out var value) && value is not null ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
    }
}
