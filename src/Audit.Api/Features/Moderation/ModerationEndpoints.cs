using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.Moderation;

public static class ModerationEndpoints
{
    /// <summary>The moderation queue (PSW). Moderating itself is <c>POST /api/audits/{id}/moderation</c>.</summary>
    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/moderation", "Moderation", Permissions.PrincipalSocialWorker);

        group.MapGet("/", async (ISender sender, HttpResponse response, int? skip, int? take, CancellationToken ct) =>
            TypedResults.Ok(response.WithTotal(await sender.Send(new ListAwaitingModeration(skip ?? 0, take ?? ListAwaitingModeration.DefaultTake), ct))))
            .WithSummary("List the audits waiting for moderation, longest first");

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetModeration(id), ct)))
            .WithSummary("Get both graders' grades side by side for moderation");

        return app;
    }
}
