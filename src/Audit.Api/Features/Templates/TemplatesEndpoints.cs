using Audit.Api.Infrastructure;
using Audit.Api.Auth;
using Mediator;

namespace Audit.Api.Features.Templates;

public static class TemplatesEndpoints
{
    public static IEndpointRouteBuilder MapTemplates(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/templates", "Templates");

        group.MapGet("/", async (ISender sender, HttpResponse response, CancellationToken ct, bool includeRetired = false, bool allVersions = false) =>
                TypedResults.Ok(response.WithTotal(await sender.Send(new ListTemplates(includeRetired, allVersions), ct))))
            .RequireAuthorization(Permissions.Staff)
            .WithSummary("List audit templates");

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetTemplate(id), ct)))
            .RequireAuthorization(Permissions.Staff)
            .WithSummary("Get an audit template");

        group.MapGet("/{id:guid}/versions", async (Guid id, ISender sender, HttpResponse response, CancellationToken ct) =>
                TypedResults.Ok(response.WithTotal(await sender.Send(new ListTemplateVersions(id), ct))))
            .RequireAuthorization(Permissions.Staff)
            .WithSummary("List a template's versions");

        group.MapPost("/", async (CreateTemplate request, ISender sender, CancellationToken ct) =>
            {
                var template = await sender.Send(request, ct);
                return TypedResults.Created($"/api/templates/{template.Id}", template);
            })
            .RequireAuthorization(Permissions.PrincipalSocialWorker)
            .WithSummary("Create an audit template");

        group.MapPut("/{id:guid}", async (Guid id, CreateTemplate body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(EditTemplate.Of(id, body), ct)))
            .RequireAuthorization(Permissions.PrincipalSocialWorker)
            .WithSummary("Edit a template (a new version)");

        group.MapPost("/{id:guid}/retire", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RetireTemplate(id), ct)))
            .RequireAuthorization(Permissions.PrincipalSocialWorker)
            .WithSummary("Retire a template");

        return app;
    }
}
