using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.RecordKeeping;

/// <summary>The PSW's record keeping: a backup on demand, an anchor on demand, and a check of the whole record.</summary>
public static class RecordKeepingEndpoints
{
    public static IEndpointRouteBuilder MapRecordKeeping(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/record", "Record keeping", Permissions.PrincipalSocialWorker);

        group.MapPost("/backups", async (ISender sender, CancellationToken ct) =>
            {
                var backup = await sender.Send(new BackUpDatabase(), ct);
                return TypedResults.Created($"/api/record/backups/{Path.GetFileName(backup.File)}", backup with { File = Path.GetFileName(backup.File) });
            })
            .WithSummary("Back up the database now")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/anchors", async (ISender sender, CancellationToken ct) =>
            {
                var anchor = await sender.Send(new AnchorHistory(), ct);
                return TypedResults.Created($"/api/record/anchors/{Path.GetFileName(anchor.File)}", anchor with { File = Path.GetFileName(anchor.File) });
            })
            .WithSummary("Anchor the audits' history heads now: write a signed digest of them");

        group.MapGet("/verification", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new VerifyRecord(), ct)))
            .WithSummary("Verify every audit's history against the last anchored digest");

        return app;
    }
}
