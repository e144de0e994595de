using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.SubjectAccess;

public sealed record RetentionRunBody(bool? DryRun);

public static class SubjectAccessEndpoints
{
    public static IEndpointRouteBuilder MapSubjectAccess(this IEndpointRouteBuilder app)
    {
        app.MapApiGroup("/api/case-files", "Case files", Permissions.SubjectAccess)
            .MapGet("/{id:guid}/record", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ExportCaseFileRecord(id), ct)))
            .WithSummary("Export everything held about one case file (subject access)");

        // A run changes nothing unless it is told plainly that it is not a dry run.
        app.MapApiGroup("/api/retention", "Retention", Permissions.SubjectAccess)
            .MapPost("/runs", async (RetentionRunBody? body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ApplyRetention(body?.DryRun ?? true), ct)))
            .WithSummary("Run retention: pseudonymise old case files (a dry run unless told otherwise)");

        return app;
    }
}
