using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Audit.Perf;

/// <summary>What every server this tool starts as a child process needs: a free port, and waiting until it answers.</summary>
public static class ChildProcesses
{
    /// <summary>Whether the product runs with the server garbage collector, read from its runtimeconfig: baselines run as it does.</summary>
    public static bool ProductUsesServerGc()
    {
        var config = Path.Combine(AppContext.BaseDirectory, "Audit.Api.runtimeconfig.json");
        return File.Exists(config)
            && JsonNode.Parse(File.ReadAllText(config))?["runtimeOptions"]?["configProperties"]?["System.GC.Server"]?.GetValue<bool>() == true;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails if the process exits first or <paramref name="limit"/> passes.</summary>
    public static async Task WaitUntilReadyAsync(Process process, Uri address, string who, TimeSpan limit, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The {who} exited with code {process.ExitCode} before it was ready.");
            }

            try
            {
                if ((await client.GetAsync(new Uri("/health/ready", UriKind.Relative), ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Not answering yet.
            }

            await Task.Delay(10, ct);
        }

        throw new TimeoutException($"The {who} was not ready within {limit.TotalMinutes:0} minutes.");
    }
}
