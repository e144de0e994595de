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

    private ProductProcess(Process process, Uri address, TimeSpan timeToReady) =>
        (_process, Address, TimeToReady) = (process, address, timeToReady);

    public Uri Address { get; }

    /// <summary>From starting the process to the first 200 from /health/ready.</summary>
    public TimeSpan TimeToReady { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts the service on <paramref name="databaseFile"/>; <paramref name="settings"/> add to or override the defaults.</summary>
    public static async Task<ProductProcess> StartAsync(string databaseFile, IReadOnlyDictionary<string, string>? settings = null, CancellationToken ct = default)
    {
        var port = ChildProcesses.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Audit.Api.dll")])
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
        return new ProductProcess(process, address, clock.Elapsed);
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
