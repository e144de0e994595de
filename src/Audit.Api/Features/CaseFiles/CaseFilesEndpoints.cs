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
                new ListCaseFiles(teamId, serviceArea, stage, reference, skip ?? 0, take ?? ListCaseFiles.DefaultTake), ct))));

        group.MapGet("/{id:guid}/access-log", async (Guid id, ISender sender, HttpResponse response, int? skip, int? take, CancellationToken ct) =>
                TypedResults.Ok(response.WithTotal(await sender.Send(new GetAccessLog(id, skip ?? 0, take ?? GetAccessLog.DefaultTake), ct))))
            .RequireAuthorization(Permissions.PrincipalSocialWorker);

        var maxImportBytes = app.ServiceProvider.GetRequiredService<LimitOptions>().MaxImportBytes;
        group.MapPost("/import", async (HttpRequest http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ImportCaseFiles(http.Body), ct)))
            .RequireAuthorization(Permissions.PrincipalSocialWorker)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(maxImportBytes))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPut("/{id:guid}/extract", async (Guid id, ExtractBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new PrepareExtract(id, body.Text), ct)));

        group.MapPost("/{id:guid}/extract/clear", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ClearExtract(id), ct)));

        return app;
    }
}
