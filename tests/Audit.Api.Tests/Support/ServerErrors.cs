using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Audit.Api.Tests.Support;

/// <summary>
/// The errors the test host logged (an unhandled exception behind a 500, among others), so that a test that meets an
/// unexpected status can say what the server saw rather than only the status.
/// </summary>
public sealed class ServerErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    /// <summary>The last few errors, newest last; empty when none was logged.</summary>
    public string Latest(int count = 3) => string.Join(Environment.NewLine, _errors.TakeLast(count));

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Collector(ServerErrors errors, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors._errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
