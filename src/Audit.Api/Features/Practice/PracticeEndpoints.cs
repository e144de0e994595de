using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.Practice;

/// <summary>The allocated worker's view: the final grades of audits of the case files they hold, and their reflections.</summary>
public static class PracticeEndpoints
{
    public static IEndpointRouteBuilder MapPractice(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/practice/audits", "Practice", Permissions.Practitioners);

        group.MapGet("/", async (int? skip, int? take, ISender sender, HttpResponse response, CancellationToken ct) =>
            TypedResults.Ok(response.WithTotal(await sender.Send(new ListPracticeAudits(skip ?? 0, take ?? ListPracticeAudits.DefaultTake), ct))))
            .WithSummary("List the final audits of the caller's own case files");

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetPracticeAudit(id), ct)))
            .WithSummary("Get an audit of one of the caller's case files, with their reflections");

        group.MapPut("/{id:guid}/reflections/{criterionId:guid}", async (Guid id, Guid criterionId, WriteReflectionBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new WriteReflection(id, criterionId, body.Text), ct)))
            .WithSummary("Write or change the caller's reflection on one criterion");

        return app;
    }
}
