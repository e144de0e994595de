using Audit.Domain;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;

namespace Audit.Api.Infrastructure;

/// <summary>Turns the exceptions that mean "your request was wrong" into RFC 9457 problem details.</summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        if (problem is null)
        {
            return false;
        }

        // The path asked for, not the error page the exception handler re-executes.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value ?? "";
        Log.Refused(logger, httpContext.Request.Method, path, problem.Status, problem.Title);
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        ValidationException validation => new HttpValidationProblemDetails(
            validation.Errors
                .GroupBy(e => ToCamelPath(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has fields at fault.",
        },
        InvalidFieldException invalid => FieldProblem(invalid.Field, invalid.Message),
        DomainRuleException { Field: { } field } rule => FieldProblem(field, rule.Message),
        DomainRuleException rule => Problem(StatusCodes.Status422UnprocessableEntity, "The change breaks a rule.", rule.Message),
        BadHttpRequestException { InnerException: JsonException json } => FieldProblem(
            ToCamelPath(json.Path?.TrimStart('$', '.') ?? "body"),
            "This value could not be read. " + (json.Message.Split(". Path:")[0])),
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = "The request could not be read.",
            Detail = bad.Message,
        },
        ImportRejectedException rejected => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The file was not imported.",
            Detail = rejected.Message,
            Extensions = { ["faults"] = rejected.Faults },
        },
        InvalidDefinitionException invalid => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The workflow definition is invalid.",
            Detail = string.Join(Environment.NewLine, invalid.Errors),
            Extensions = { ["errors"] = invalid.Errors.Select(e => new { path = e.Path, problem = e.Problem }) },
        },
        NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
        ForbiddenException forbidden => Problem(StatusCodes.Status403Forbidden, "You may not do this.", forbidden.Message),
        TriggerNotPermittedException notPermitted => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Not permitted in the audit's current state.",
            Detail = notPermitted.Message,
            Extensions =
            {
                ["state"] = notPermitted.State,
                ["trigger"] = notPermitted.Trigger,
                ["permittedTriggers"] = notPermitted.PermittedTriggers,
            },
        },
        DomainConflictException conflict => Problem(StatusCodes.Status409Conflict, "Conflict.", conflict.Message),

        // PostgreSQL's deadlock is a transient error, which EF's default execution strategy for Npgsql wraps ("likely due
        // to a transient failure"): answered as the save it wraps (two instances' writers meet this under load).
        InvalidOperationException { InnerException: DbUpdateException save } => ToProblem(save),
        DbUpdateConcurrencyException
            or DbUpdateException { InnerException: SqliteException { SqliteExtendedErrorCode: UniqueViolation or PrimaryKeyViolation } }
            or DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.DeadlockDetected } } => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Someone else changed this first.",
            Detail = "Another change was saved while yours was in progress. Reload and try again.",
        },
        _ => null,
    };

    // SQLite's extended result codes for a write that lost a race to another writer of the same row. PostgreSQL, which
    // takes concurrent writers, says so with SQLSTATE 23505 (the history line another request added first) or 40P01.
    private const int UniqueViolation = 2067;
    private const int PrimaryKeyViolation = 1555;

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static HttpValidationProblemDetails FieldProblem(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has fields at fault.",
            Detail = message,
        };

    private static string ToCamelPath(string path) =>
        string.Join('.', path.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
