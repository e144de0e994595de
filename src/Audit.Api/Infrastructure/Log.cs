namespace Audit.Api.Infrastructure;

/// <summary>Source-generated log messages: nothing is formatted unless the level is enabled.</summary>
internal static partial class Log
{
    // Logs leave the service (a console, a collector): they say what kind of thing happened and to which kind of
    // person (roles), never who (a user name) or which child (a reference, a name, what someone typed).
    [LoggerMessage(Level = LogLevel.Information, Message = "{UseCase} for {Roles} took {ElapsedMs} ms")]
    public static partial void UseCaseHandled(ILogger logger, string useCase, string roles, double elapsedMs);

    /// <summary>The problem's title alone: its detail can repeat what was sent (a reference, a name).</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path} with {Status}: {Problem}")]
    public static partial void Refused(ILogger logger, string method, string path, int? status, string? problem);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The service cannot start. {Problems}")]
    public static partial void CannotStart(ILogger logger, string problems);
}
