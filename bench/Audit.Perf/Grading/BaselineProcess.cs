using System.Diagnostics;

namespace Audit.Perf.Grading;

/// <summary>
/// The baseline endpoint as a child process (this tool re-run as <c>dotnet Audit.Perf.dll grading serve-baseline</c>),
/// started, run and stopped as <see cref="ProductProcess"/> runs the product, with the product's garbage collector mode.
/// </summary>
public sealed class BaselineProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BaselineProcess(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static async Task<BaselineProcess> StartAsync(string databaseFile, string grader, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var port = ChildProcesses.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(
            "dotnet",
            [typeof(BaselineProcess).Assembly.Location, GradingCommand.CommandName, GradingCommand.ServeBaseline, "--db", Path.GetFullPath(databaseFile), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--grader", grader])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_gcServer"] = ChildProcesses.ProductUsesServerGc() ? "1" : "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[baseline] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseline = new BaselineProcess(process, address);
        try
        {
            await ChildProcesses.WaitUntilReadyAsync(process, address, "baseline", TimeSpan.FromMinutes(2), ct);
            return baseline;
        }
        catch
        {
            await baseline.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
