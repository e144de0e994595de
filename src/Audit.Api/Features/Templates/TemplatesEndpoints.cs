using Audit.Api.Infrastructure;
using Audit.Api.Auth;
using Mediator;

namespace Audit.Api.Features.Templates;

public static class TemplatesEndpoints
{
    public static IEndpointRouteBuilder MapTemplates(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/templates", "Templates");

        group.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListTemplates(), ct)))
            .RequireAuthorization(Permissions.Staff);

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetTemplate(id), ct)))
            .RequireAuthorization(Permissions.Staff);

        group.MapPost("/", async (CreateTemplate request, ISender sender, CancellationToken ct) =>
            {
                var template = await sender.Send(request, ct);
                return TypedResults.Created($"/api/templates/{template.Id}", template);
            })
            .RequireAuthorization(Permissions.PrincipalSocialWorker);

        return app;
    }
}
