using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Mediator;

namespace Audit.Api.Features.CaseFiles;

public static class CaseFilesEndpoints
{
    public static IEndpointRouteBuilder MapCaseFiles(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/case-files", "Case files", Permissions.CaseFileReaders);

        group.MapGet("/", async (
                ISender sender, HttpResponse response, Guid? teamId, ServiceArea? serviceArea, Stage? stage, string? reference, int? skip, int? take,
                CancellationToken ct) =>
            TypedResults.Ok(response.WithTotal(await sender.Send(
                new ListCaseFiles(teamId, serviceArea, stage, reference, skip ?? 0, take ?? ListCaseFiles.DefaultTake), ct))))
            .WithSummary("List case files");

        group.MapGet("/{id:guid}/access-log", async (Guid id, ISender sender, HttpResponse response, int? skip, int? take, CancellationToken ct) =>
                TypedResults.Ok(response.WithTotal(await sender.Send(new GetAccessLog(id, skip ?? 0, take ?? GetAccessLog.DefaultTake), ct))))
            .RequireAuthorization(Permissions.PrincipalSocialWorker)
            .WithSummary("List who looked at a case file");

        var maxImportBytes = app.ServiceProvider.GetRequiredService<LimitOptions>().MaxImportBytes;
        group.MapPost("/import", async (HttpRequest http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ImportCaseFiles(http.Body), ct)))
            .RequireAuthorization(Permissions.PrincipalSocialWorker)
            .WithSummary("Import case files from a CSV file (all rows or none)")
            .WithMetadata(new DocumentedBody(CsvImport.ContentType))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(maxImportBytes))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new DocumentedProblem(StatusCodes.Status422UnprocessableEntity, OpenApiContract.ImportProblemSchema));

        group.MapPut("/{id:guid}/extract", async (Guid id, ExtractBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new PrepareExtract(id, body.Text), ct)))
            .WithSummary("Prepare a case file's redacted extract");

        group.MapPost("/{id:guid}/extract/clear", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ClearExtract(id), ct)))
            .WithSummary("Clear a case file's redacted extract for the young assessor");

        return app;
    }
}
