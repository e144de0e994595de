using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.Evidence;

public static class EvidenceEndpoints
{
    public static IEndpointRouteBuilder MapEvidence(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/evidence", "Participation evidence", Permissions.PrincipalSocialWorker);

        var maxImportBytes = app.ServiceProvider.GetRequiredService<LimitOptions>().MaxImportBytes;
        group.MapPost("/import", async (HttpRequest http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ImportEvidence(http.Body), ct)))
            .WithSummary("Import participation evidence from a CSV file (all rows or none)")
            .WithMetadata(new DocumentedBody(CsvImport.ContentType))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(maxImportBytes))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new DocumentedProblem(StatusCodes.Status422UnprocessableEntity, OpenApiContract.ImportProblemSchema));

        return app;
    }
}
