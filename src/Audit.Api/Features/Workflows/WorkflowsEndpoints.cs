using Audit.Api.Infrastructure;
using System.Text.Json.Nodes;
using Audit.Api.Auth;
using Mediator;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Api.Features.Workflows;

public sealed record WorkflowVersionSummary(string Name, int Version, string Title, string ContentHash, bool Latest);

public sealed record WorkflowVersionDetail(string Name, int Version, string Title, string? Description, string ContentHash, JsonNode? Definition, string Mermaid);

public static class WorkflowsEndpoints
{
    public static IEndpointRouteBuilder MapWorkflows(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/workflows", "Workflows", Permissions.Staff);

        group.MapGet("/", (WorkflowRegistry registry) => TypedResults.Ok(registry.All
            .Select(d => new WorkflowVersionSummary(d.Name, d.Version, d.Title, d.ContentHash, registry.Latest(d.Name)?.Version == d.Version))
            .ToList()));

        group.MapGet("/{name}/versions/{version:int}", Results<Ok<WorkflowVersionDetail>, ProblemHttpResult> (string name, int version, WorkflowRegistry registry) =>
            registry.Get(name, version) is { } d
                ? TypedResults.Ok(new WorkflowVersionDetail(d.Name, d.Version, d.Title, d.Description, d.ContentHash, JsonNode.Parse(d.CanonicalJson), MermaidDiagram.Render(d)))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"There is no workflow {name} version {version}."));

        group.MapPost("/", async (HttpRequest http, ISender sender, CancellationToken ct) =>
            {
                using var reader = new StreamReader(http.Body);
                var published = await sender.Send(new PublishWorkflow(await reader.ReadToEndAsync(ct)), ct);
                return TypedResults.Created($"/api/workflows/{published.Name}/versions/{published.Version}", published);
            })
            .RequireAuthorization(Permissions.PrincipalSocialWorker)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }
}
