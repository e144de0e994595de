using System.Runtime.CompilerServices;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Audit.Api.Infrastructure.Telemetry;

/// <summary>
/// Traces, metrics and logs for the operations team. The service's own instruments (<see cref="AuditTelemetry"/>)
/// are always there, and cost a check each while nothing listens. OpenTelemetry itself is only set up when something
/// will read it: an OTLP collector (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), the Prometheus scraping endpoint
/// (<c>Telemetry:Prometheus</c>) or <c>Telemetry:Enabled</c> (an exporter added in code, as the tests add theirs).
/// Otherwise nothing of it is registered and start-up does no work for it.
/// </summary>
public static class TelemetrySetup
{
    public const string Section = "Telemetry";

    /// <summary>The OpenTelemetry SDK's own setting (an environment variable in practice): where the collector listens.</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ServiceName = "audit-api";

    public static WebApplicationBuilder AddAuditTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSingleton<AuditTelemetry>();

        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]);
        var prometheus = configuration.GetValue($"{Section}:Prometheus", false);
        if (otlp || prometheus || configuration.GetValue($"{Section}:Enabled", false))
        {
            // OTEL_SERVICE_NAME, when set, names the service instead.
            AddOpenTelemetry(builder.Services, namedElsewhere: !string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]), otlp, prometheus);
        }

        return builder;
    }

    /// <summary>A method of its own, so that a service with no telemetry configured never loads OpenTelemetry's assemblies.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOpenTelemetry(IServiceCollection services, bool namedElsewhere, bool otlp, bool prometheus)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (!namedElsewhere)
                {
                    resource.AddService(ServiceName);
                }
            })
            .WithTracing(tracing => tracing
                .AddSource(AuditTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsQuiet(context.Request.Path))
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(AuditTelemetry.Name, "Npgsql")
                .AddAspNetCoreInstrumentation()
                // The outbox gauges exist from the start, not from the first grading.
                .AddInstrumentation(sp => sp.GetRequiredService<AuditTelemetry>()));

        if (otlp)
        {
            // Traces, metrics and logs, to OTEL_EXPORTER_OTLP_ENDPOINT, with the SDK's other OTEL_EXPORTER_OTLP_* settings.
            telemetry.WithLogging().UseOtlpExporter();
        }

        if (prometheus)
        {
            telemetry.WithMetrics(metrics => metrics.AddPrometheusExporter());
            services.AddSingleton<IStartupFilter, PrometheusScrapingEndpoint>();
        }
    }

    /// <summary>Health probes and static files: many, and of no interest in a trace.</summary>
    private static bool IsQuiet(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal)
        || path.StartsWithSegments("/css", StringComparison.Ordinal)
        || path.StartsWithSegments("/js", StringComparison.Ordinal)
        || path.StartsWithSegments("/assets", StringComparison.Ordinal)
        || path.StartsWithSegments("/metrics", StringComparison.Ordinal);

    /// <summary>
    /// Serves <c>/metrics</c> in Prometheus' text format ahead of the rest of the pipeline, so Program.cs needs no
    /// line for it. Anonymous, as scrapers expect: keep the path off the public network (at the proxy).
    /// </summary>
    private sealed class PrometheusScrapingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint();
            next(app);
        };
    }
}
