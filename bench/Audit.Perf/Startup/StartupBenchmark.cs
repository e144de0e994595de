using System.Diagnostics;
using System.Globalization;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Perf.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Audit.Perf.Startup;

/// <summary>
/// Cold start to the first 200 from <c>/health/ready</c> and resident memory after settling idle, for the service on the
/// demo database (migrations already applied, demo already seeded) and on its first-ever start on an empty file,
/// against an empty ASP.NET Core minimal app answering <c>/health/ready</c> (this tool in its hidden
/// <c>startup --serve-baseline</c> mode, with the garbage collector the service runs with). Runs are
/// interleaved: baseline, demo database, empty file, and so on.
/// </summary>
internal sealed class StartupBenchmark : IPerfCommand
{
    public string Name => "startup";

    public string Description => "Cold start to ready and idle memory on the demo database against an empty minimal app. Options: --runs N, --idle SECONDS";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Contains("--serve-baseline"))
        {
            await BaselineApp.RunAsync(ct);
            return 0;
        }

        var runs = int.Parse(DashboardBenchmark.Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var idle = TimeSpan.FromSeconds(double.Parse(DashboardBenchmark.Option(args, "--idle") ?? "5", CultureInfo.InvariantCulture));
        var folder = Path.Combine(Path.GetTempPath(), "audit-perf", "startup");
        Directory.CreateDirectory(folder);
        var demo = Path.Combine(folder, "demo.db");
        var demoSettings = new Dictionary<string, string> { ["DemoData:Seed"] = "true", ["DemoData:Audits"] = "true" };

        Console.WriteLine($"Start-up and idle memory, {runs} runs, {idle.TotalSeconds:0} s idle before reading memory");
        Console.WriteLine($"  EF model building, cold in this process: {ModelBuilding().TotalMilliseconds:0} ms (then {ModelBuilding().TotalMilliseconds:0.0} ms from EF's cache)");
        DeleteDatabase(demo);
        await using (var first = await ProductProcess.StartAsync(demo, demoSettings, ct))
        {
            Console.WriteLine($"  made the demo database ({first.TimeToReady.TotalMilliseconds:0} ms to ready, not counted)");
        }

        var results = new Dictionary<string, (List<double> Ready, List<double> Memory)>
        {
            ["baseline"] = ([], []),
            ["demo"] = ([], []),
            ["empty"] = ([], []),
        };
        for (var run = -1; run < runs; run++)
        {
            var baseline = await BaselineAsync(idle, ct);
            var onDemo = await ProductAsync(demo, demoSettings, idle, ct);
            var empty = Path.Combine(folder, "empty.db");
            DeleteDatabase(empty);
            var onEmpty = await ProductAsync(empty, demoSettings, idle, ct);
            if (run < 0)
            {
                continue; // Warms the disk cache and the SDK's host; not counted.
            }

            foreach (var (name, (ready, memory)) in new[] { ("baseline", baseline), ("demo", onDemo), ("empty", onEmpty) })
            {
                results[name].Ready.Add(ready.TotalMilliseconds);
                results[name].Memory.Add(memory / 1048576.0);
            }

            Console.WriteLine($"  run {run + 1}: baseline {baseline.Ready.TotalMilliseconds:0} ms {baseline.Resident / 1048576.0:0} MiB; demo database {onDemo.Ready.TotalMilliseconds:0} ms {onDemo.Resident / 1048576.0:0} MiB; empty file {onEmpty.Ready.TotalMilliseconds:0} ms {onEmpty.Resident / 1048576.0:0} MiB");
        }

        var (baseReady, baseMemory) = (DashboardBenchmark.Median(results["baseline"].Ready), DashboardBenchmark.Median(results["baseline"].Memory));
        Console.WriteLine();
        Console.WriteLine("| what starts | to ready (median) | against baseline | resident after idle (median) | against baseline |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, label) in new[] { ("baseline", "empty minimal app (baseline)"), ("demo", "service, demo database"), ("empty", "service, first start on an empty file") })
        {
            var ready = DashboardBenchmark.Median(results[name].Ready);
            var memory = DashboardBenchmark.Median(results[name].Memory);
            Console.WriteLine($"| {label} | {ready:0} ms | {ready / baseReady:0.00} | {memory:0} MiB | {memory / baseMemory:0.00} |");
        }

        return 0;
    }

    private static async Task<(TimeSpan Ready, long Resident)> ProductAsync(string file, Dictionary<string, string> settings, TimeSpan idle, CancellationToken ct)
    {
        await using var product = await ProductProcess.StartAsync(file, settings, ct);
        await Task.Delay(idle, ct);
        return (product.TimeToReady, product.Memory().Resident);
    }

    private static async Task<(TimeSpan Ready, long Resident)> BaselineAsync(TimeSpan idle, CancellationToken ct)
    {
        var address = new Uri($"http://127.0.0.1:{ChildProcesses.FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Audit.Perf.dll"), "startup", "--serve-baseline"])
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        // The garbage collector the service runs with, so that the two differ only in what they do.
        start.Environment["DOTNET_gcServer"] = ChildProcesses.ProductUsesServerGc() ? "1" : "0";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ChildProcesses.WaitUntilReadyAsync(process, address, "baseline", TimeSpan.FromMinutes(2), ct);
            var ready = clock.Elapsed;
            await Task.Delay(idle, ct);
            return (ready, ProcessMemory.Of(process.Id).Resident);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(ct);
        }
    }

    /// <summary>What building the service's EF model costs: the first <c>AuditDbContext.Model</c> in a process.</summary>
    private static TimeSpan ModelBuilding()
    {
        var clock = Stopwatch.StartNew();
        var options = new DbContextOptionsBuilder<AuditDbContext>().UseSqlite("Data Source=:memory:").Options;
        var user = new NoUser();
        using var db = new AuditDbContext(options, user, TimeProvider.System, new Audit.Api.Tenancy.CurrentCouncil(user));
        _ = db.Model;
        return clock.Elapsed;
    }

    private sealed class NoUser : ICurrentUser
    {
        public string? UserName => null;

        public IReadOnlySet<string> Roles { get; } = new HashSet<string>();

        public Guid? TeamId => null;

        public bool IsIn(string role) => false;
    }

    private static void DeleteDatabase(string file)
    {
        foreach (var part in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(part);
        }
    }
}
