using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Audit.Api.Infrastructure.Telemetry;
using Audit.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Audit.Api.Tests.Telemetry;

/// <summary>
/// Everything a service instance tells the outside: every log entry (message, state, scopes, exception) through a
/// logger provider of the test's own, and every span and metric through OpenTelemetry's in-memory exporters, wired into
/// the host's own pipeline (<c>Telemetry:Enabled</c>). The span listener hears every instance in the test process, so
/// what it holds is a superset of this instance's spans.
/// </summary>
public sealed class CapturedTelemetry : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    public ConcurrentQueue<string> Logs { get; } = new();

    public LockedList<Activity> Spans { get; } = [];

    public LockedList<MetricSnapshot> Metrics { get; } = [];

    /// <summary>A fresh service whose logs, spans and metrics this captures; logs at Information and above from every category.</summary>
    public AuditApiFactory Factory(string? folder = null) => new(
        folder: folder,
        configureServices: services =>
        {
            services.AddSingleton<ILoggerProvider>(this);
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
        },
        settings: new Dictionary<string, string?>
        {
            ["Telemetry:Enabled"] = "true",
            ["Timers:RunInBackground"] = "false",
            ["Notifications:DispatchInBackground"] = "false",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information",
        });

    /// <summary>Collects the metrics now (observable gauges included) and waits for spans still being exported.</summary>
    public static void Flush(AuditApiFactory factory)
    {
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
    }

    /// <summary>Every string a span carries: names, status, tags, events and their tags, links' tags, baggage.</summary>
    public IEnumerable<(string Where, string Text)> SpanTexts()
    {
        List<Activity> spans;
        lock (Spans)
        {
            spans = [.. Spans];
        }

        foreach (var span in spans)
        {
            var where = $"span {span.DisplayName}";
            yield return (where, span.DisplayName);
            yield return (where, span.OperationName);
            yield return (where, span.StatusDescription ?? "");
            foreach (var (key, value) in span.TagObjects)
            {
                yield return (where, $"{key}={value}");
            }

            foreach (var activityEvent in span.Events)
            {
                yield return (where, activityEvent.Name);
                foreach (var (key, value) in activityEvent.Tags)
                {
                    yield return (where, $"{key}={value}");
                }
            }

            foreach (var link in span.Links)
            {
                foreach (var (key, value) in link.Tags ?? [])
                {
                    yield return (where, $"{key}={value}");
                }
            }

            foreach (var (key, value) in span.Baggage)
            {
                yield return (where, $"{key}={value}");
            }
        }
    }

    /// <summary>Every metric's name, and every tag of every point.</summary>
    public IEnumerable<(string Where, string Text)> MetricTexts()
    {
        List<MetricSnapshot> metrics;
        lock (Metrics)
        {
            metrics = [.. Metrics];
        }

        foreach (var metric in metrics)
        {
            yield return ($"metric {metric.Name}", metric.Name);
            foreach (var point in metric.MetricPoints)
            {
                foreach (var (key, value) in point.Tags)
                {
                    yield return ($"metric {metric.Name}", $"{key}={value}");
                }
            }
        }
    }

    /// <summary>The tags of the points of <paramref name="name"/> that were exported.</summary>
    public IReadOnlyList<Dictionary<string, string?>> PointsOf(string name)
    {
        lock (Metrics)
        {
            return Metrics.Where(m => m.Name == name)
                .SelectMany(m => m.MetricPoints.ToArray().Select(p =>
                {
                    var tags = new Dictionary<string, string?>();
                    foreach (var (key, value) in p.Tags)
                    {
                        tags[key] = value?.ToString();
                    }

                    return tags;
                }))
                .ToList();
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedTelemetry capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new List<string> { $"[{logLevel}] {category}: {formatter(state, exception)}" };
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                entry.AddRange(values.Select(v => $"{v.Key}={v.Value}"));
            }

            capture._scopes?.ForEachScope(
                (scope, lines) =>
                {
                    lines.Add($"scope {scope}");
                    if (scope is IEnumerable<KeyValuePair<string, object?>> scopeValues)
                    {
                        lines.AddRange(scopeValues.Select(v => $"scope {v.Key}={v.Value}"));
                    }
                },
                entry);
            if (exception is not null)
            {
                entry.Add(exception.ToString());
            }

            capture.Logs.Enqueue(string.Join(" | ", entry));
        }
    }
}

/// <summary>A list the exporters add to from their threads while the test reads it (under a lock on the list).</summary>
public sealed class LockedList<T> : Collection<T>
{
    protected override void InsertItem(int index, T item)
    {
        lock (this)
        {
            base.InsertItem(index, item);
        }
    }
}

/// <summary>
/// What one service instance's "Audit" meter records, and nothing of another instance's: the listener enables only the
/// instruments of this instance's meter (from its own <see cref="IMeterFactory"/>).
/// </summary>
public sealed class AuditMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> _measurements = new();

    public AuditMeasurements(AuditApiFactory factory)
    {
        var meter = factory.Services.GetRequiredService<AuditTelemetry>().Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>
    /// The measurements of <paramref name="instrument"/> so far (observable gauges are read first), each with its tags
    /// as "key=value" sorted by key and joined by ", ".
    /// </summary>
    public IReadOnlyList<(double Value, string Tags)> Of(string instrument)
    {
        _listener.RecordObservableInstruments();
        return _measurements.Where(m => m.Instrument == instrument)
            .Select(m => (m.Value, string.Join(", ", m.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))))
            .ToList();
    }

    /// <summary>What an observable gauge reads now.</summary>
    public double Read(string gauge)
    {
        var readings = Of(gauge);
        return readings[^1].Value;
    }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements by the value of one tag.</summary>
    public Dictionary<string, double> SumBy(string instrument, string tag)
    {
        _listener.RecordObservableInstruments();
        return _measurements.Where(m => m.Instrument == instrument)
            .GroupBy(m => m.Tags.GetValueOrDefault(tag) ?? "")
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>();
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue?.ToString();
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }
}
