using Audit.Api.Infrastructure;
using Audit.Api.Auth;
using Audit.Domain.Teams;
using Mediator;

namespace Audit.Api.Features.CaseFiles;

public static class CaseFilesEndpoints
{
    public static IEndpointRouteBuilder MapCaseFiles(this IEndpointRouteBuilder app)
    {
        app.MapApiGroup("/api/case-files", "Case files", AuthSetup.Graders)
            .MapGet("/", async (ISender sender, Guid? teamId, ServiceArea? serviceArea, int? skip, int? take, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListCaseFiles(teamId, serviceArea, skip ?? 0, take ?? ListCaseFiles.DefaultTake), ct)));
        return app;
    }
}
