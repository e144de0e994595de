using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Audit.Perf.Startup;

/// <summary>The start-up baseline: an empty ASP.NET Core minimal app whose only endpoint is <c>/health/ready</c>.</summary>
internal static class BaselineApp
{
    public static async Task RunAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder();
        var app = builder.Build();
        app.MapGet("/health/ready", () => "Healthy");
        await app.StartAsync(ct);
        await app.WaitForShutdownAsync(ct);
    }
}
