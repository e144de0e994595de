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

    public string Description =>
        "Cold start to ready and idle memory on the demo database against an empty minimal app. Options: --runs N, --idle SECONDS, " +
        "--published FOLDER (also start the service as published there), --demo-only (skip the first start on an empty file), " +
        "--env NAME=VALUE (an environment variable for the service's starts; repeatable)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Contains("--serve-baseline"))
        {
            await BaselineApp.RunAsync(ct);
            return 0;
        }

        var runs = int.Parse(DashboardBenchmark.Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var idle = TimeSpan.FromSeconds(double.Parse(DashboardBenchmark.Option(args, "--idle") ?? "5", CultureInfo.InvariantCulture));
        var published = DashboardBenchmark.Option(args, "--published") is { } folder ? Path.GetFullPath(folder) : null;
        if (published is not null && !File.Exists(Path.Combine(published, "Audit.Api.dll")))
        {
            Console.Error.WriteLine($"{published} holds no Audit.Api.dll: publish the service there first (bench/README.md, \"Start-up and idle memory\").");
            return 2;
        }

        var work = Path.Combine(Path.GetTempPath(), "audit-perf", "startup");
        Directory.CreateDirectory(work);
        var demo = Path.Combine(work, "demo.db");
        var demoSettings = new Dictionary<string, string> { ["DemoData:Seed"] = "true", ["DemoData:Audits"] = "true" };
        foreach (var (name, value) in args.Select((a, i) => (a, i)).Where(x => x.a == "--env" && x.i + 1 < args.Count).Select(x => args[x.i + 1].Split('=', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : string.Empty)))
        {
            demoSettings[name] = value;
            Console.WriteLine($"  the service starts with {name}={value}");
        }

        // Each subject: how it starts (null: the baseline), and on which file (null: a new empty file each time).
        var subjects = new List<(string Label, string? App, bool OnDemo)>
        {
            ("empty minimal app (baseline)", null, false),
            ("service as built, demo database", string.Empty, true),
        };
        if (published is not null)
        {
            subjects.Add(("service as published, demo database", published, true));
        }

        if (!args.Contains("--demo-only"))
        {
            subjects.Add(("service as built, first start on an empty file", string.Empty, false));
            if (published is not null)
            {
                subjects.Add(("service as published, first start on an empty file", published, false));
            }
        }

        Console.WriteLine($"Start-up and idle memory, {runs} runs, {idle.TotalSeconds:0} s idle before reading memory{(published is null ? string.Empty : $", published service from {published}")}");
        Console.WriteLine($"  EF model building, cold in this process: {ModelBuilding().TotalMilliseconds:0} ms (then {ModelBuilding().TotalMilliseconds:0.0} ms from EF's cache)");
        DeleteDatabase(demo);
        await using (var first = await ProductProcess.StartAsync(demo, demoSettings, ct))
        {
            Console.WriteLine($"  made the demo database ({first.TimeToReady.TotalMilliseconds:0} ms to ready, not counted)");
        }

        var results = subjects.ToDictionary(s => s.Label, _ => (Ready: new List<double>(), Cpu: new List<double>(), Memory: new List<double>()));
        for (var run = -1; run < runs; run++)
        {
            var line = new List<string>();
            foreach (var (label, app, onDemo) in subjects)
            {
                var file = demo;
                if (!onDemo)
                {
                    file = Path.Combine(work, "empty.db");
                    DeleteDatabase(file);
                }

                var (ready, cpu, resident) = app is null
                    ? await BaselineAsync(idle, ct)
                    : await ProductAsync(file, demoSettings, app.Length == 0 ? null : app, idle, ct);
                line.Add($"{label}: {ready.TotalMilliseconds:0} ms ({cpu.TotalMilliseconds:0} ms CPU) {resident / 1048576.0:0} MiB");
                if (run >= 0)
                {
                    results[label].Ready.Add(ready.TotalMilliseconds);
                    results[label].Cpu.Add(cpu.TotalMilliseconds);
                    results[label].Memory.Add(resident / 1048576.0);
                }
            }

            // The first run warms the disk cache and the SDK's host; it is not counted.
            Console.WriteLine($"  {(run < 0 ? "warm-up" : $"run {run + 1}")}: {string.Join("; ", line)}");
        }

        var baseline = results[subjects[0].Label];
        var (baseReady, baseCpu, baseMemory) = (DashboardBenchmark.Median(baseline.Ready), DashboardBenchmark.Median(baseline.Cpu), DashboardBenchmark.Median(baseline.Memory));
        Console.WriteLine();
        Console.WriteLine("| what starts | to ready (median) | against baseline | processor time to ready (median) | against baseline | resident after idle (median) | against baseline |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (label, _, _) in subjects)
        {
            var ready = DashboardBenchmark.Median(results[label].Ready);
            var cpu = DashboardBenchmark.Median(results[label].Cpu);
            var memory = DashboardBenchmark.Median(results[label].Memory);
            Console.WriteLine($"| {label} | {ready:0} ms | {ready / baseReady:0.00} | {cpu:0} ms | {cpu / baseCpu:0.00} | {memory:0} MiB | {memory / baseMemory:0.00} |");
        }

        return 0;
    }

    private static async Task<(TimeSpan Ready, TimeSpan Cpu, long Resident)> ProductAsync(string file, Dictionary<string, string> settings, string? app, TimeSpan idle, CancellationToken ct)
    {
        await using var product = await ProductProcess.StartAsync(file, settings, app, ct);
        await Task.Delay(idle, ct);
        return (product.TimeToReady, product.CpuToReady, product.Memory().Resident);
    }

    private static async Task<(TimeSpan Ready, TimeSpan Cpu, long Resident)> BaselineAsync(TimeSpan idle, CancellationToken ct)
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
            var cpu = ProcessCpu.Of(process.Id);
            await Task.Delay(idle, ct);
            return (ready, cpu, ProcessMemory.Of(process.Id).Resident);
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
        using var db = AuditDbContext.Create(options, user, TimeProvider.System, new Audit.Api.Tenancy.CurrentCouncil(user));
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
