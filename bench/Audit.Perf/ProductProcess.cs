using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Audit.Perf;

/// <summary>
/// The service as a child process (the Release Audit.Api.dll beside this tool, run by <c>dotnet</c>) on a SQLite file
/// the benchmark chooses, with its sign-in key known so that the benchmark can take demo tokens.
/// </summary>
public sealed class ProductProcess : IAsyncDisposable
{
    public const string SigningKey = "benchmark-signing-key-benchmark-signing-key-0123456789";

    private readonly Process _process;

    private ProductProcess(Process process, Uri address, TimeSpan timeToReady, TimeSpan cpuToReady) =>
        (_process, Address, TimeToReady, CpuToReady) = (process, address, timeToReady, cpuToReady);

    public Uri Address { get; }

    /// <summary>From starting the process to the first 200 from /health/ready.</summary>
    public TimeSpan TimeToReady { get; }

    /// <summary>The processor time (user and system) the service had used when it first answered ready.</summary>
    public TimeSpan CpuToReady { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts the service on <paramref name="databaseFile"/>; <paramref name="settings"/> add to or override the defaults.</summary>
    public static Task<ProductProcess> StartAsync(string databaseFile, IReadOnlyDictionary<string, string>? settings = null, CancellationToken ct = default) =>
        StartAsync(databaseFile, settings, appFolder: null, ct);

    /// <summary>
    /// Starts the service from <paramref name="appFolder"/> (a folder holding Audit.Api.dll, such as the output of
    /// <c>dotnet publish</c>), or from the build output beside this tool when it is null.
    /// </summary>
    public static async Task<ProductProcess> StartAsync(string databaseFile, IReadOnlyDictionary<string, string>? settings, string? appFolder, CancellationToken ct)
    {
        var port = ChildProcesses.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(appFolder ?? AppContext.BaseDirectory, "Audit.Api.dll")])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(databaseFile))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ConnectionStrings__Audit"] = $"Data Source={Path.GetFullPath(databaseFile)}";
        start.Environment["Auth__SigningKey"] = SigningKey;
        start.Environment["Limits__SignInPerMinute"] = "100000";
        start.Environment["Workflows__Path"] = Path.Combine(RepositoryRoot(), "workflows");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[service] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ChildProcesses.WaitUntilReadyAsync(process, address, "service", TimeSpan.FromMinutes(5), ct);
        var ready = clock.Elapsed;
        return new ProductProcess(process, address, ready, ProcessCpu.Of(process.Id));
    }

    /// <summary>A client signed in as a demo user through the Development token endpoint.</summary>
    public async Task<HttpClient> ClientForAsync(string userName, CancellationToken ct = default)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(120) };
        var response = await client.PostAsJsonAsync("/api/dev/token", new { userName }, ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonNode>(ct))!["token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Resident memory now, and its peak since the process started (Linux /proc), in bytes.</summary>
    public (long Resident, long Peak) Memory() => ProcessMemory.Of(_process.Id);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Audit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Could not find the folder holding Audit.sln.");
    }
}

/// <summary>
/// Reads the processor time a process has used, user and system, from /proc/PID/stat. Unlike the time to ready it
/// hardly depends on what else the machine is doing.
/// </summary>
public static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on Linux.

    public static TimeSpan Of(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");

        // The command name, in brackets, may hold spaces; the fields counted from 3 follow its closing bracket.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>
    /// The processor time of every process running <paramref name="command"/> (such as the local PostgreSQL server's
    /// backends, which come and go); zero where none can be read.
    /// </summary>
    public static TimeSpan OfAll(string command)
    {
        var total = TimeSpan.Zero;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var processId) && ReadName(folder) == command)
            {
                try
                {
                    total += Of(processId);
                }
                catch (IOException)
                {
                    // Ended while being read.
                }
            }
        }

        return total;
    }

    private static string? ReadName(string folder)
    {
        try
        {
            return File.ReadAllText(Path.Combine(folder, "comm")).TrimEnd();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Reads a process's memory from /proc/PID/status (VmRSS now, VmHWM its peak), in bytes.</summary>
public static class ProcessMemory
{
    public static (long Resident, long Peak) Of(int processId)
    {
        long resident = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }

        return (resident, peak);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
