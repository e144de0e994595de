namespace Audit.Api.Infrastructure;

/// <summary>Source-generated log messages: nothing is formatted unless the level is enabled.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{UseCase} for {User} took {ElapsedMs} ms")]
    public static partial void UseCaseHandled(ILogger logger, string useCase, string user, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path} with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, string path, int? status, string? reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The service cannot start. {Problems}")]
    public static partial void CannotStart(ILogger logger, string problems);
}
