using System.Diagnostics;
using Mediator;

namespace Audit.Api.Infrastructure;

/// <summary>
/// Logs each use case with the roles of who asked and how long it took. Never logs the message body (it may hold case
/// detail) or the user name.
/// </summary>
internal sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger, ICurrentUser user)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (logger.IsEnabled(LogLevel.Information))
            {
                var roles = user.Roles;
                Log.UseCaseHandled(logger, typeof(TMessage).Name, roles.Count == 0 ? "anonymous" : string.Join('+', roles.Order(StringComparer.Ordinal)), elapsed);
            }
        }
    }
}
