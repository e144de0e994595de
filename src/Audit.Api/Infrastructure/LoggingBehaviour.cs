using System.Diagnostics;
using Mediator;

namespace Audit.Api.Infrastructure;

/// <summary>Logs each use case with who asked and how long it took. Never logs the message body: it may hold case detail.</summary>
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
            Log.UseCaseHandled(logger, typeof(TMessage).Name, user.UserName ?? "anonymous", elapsed);
        }
    }
}
