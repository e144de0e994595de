using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Workflows.Simulation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Audit.Api.Features.Workflows;

public static class WorkflowsEndpoints
{
    public const string SvgContentType = "image/svg+xml";

    public static IEndpointRouteBuilder MapWorkflows(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/workflows", "Workflows", Permissions.Staff);

        group.MapGet("/", async (ISender sender, HttpResponse response, CancellationToken ct) =>
            TypedResults.Ok(response.WithTotal(await sender.Send(new ListWorkflows(), ct))))
            .WithSummary("List the workflow definitions and their versions");

        group.MapGet("/{name}/versions/{version:int}", async (string name, int version, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetWorkflowVersion(name, version), ct)))
            .WithSummary("Get a workflow definition's version")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{name}/versions/{version:int}/diagram.svg", async (string name, int version, ISender sender, CancellationToken ct) =>
            TypedResults.Text((await sender.Send(new GetWorkflowVersion(name, version), ct)).Svg, SvgContentType))
            .WithSummary("Get a workflow version's state diagram as SVG")
            .Produces<string>(StatusCodes.Status200OK, SvgContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async (HttpRequest http, ISender sender, CancellationToken ct) =>
            {
                using var reader = new StreamReader(http.Body);
                var published = await sender.Send(new PublishWorkflow(await reader.ReadToEndAsync(ct)), ct);
                return TypedResults.Created($"/api/workflows/{published.Name}/versions/{published.Version}", published);
            })
            .RequireAuthorization(Permissions.PrincipalSocialWorker)
            .WithSummary("Publish a workflow definition as its next version")
            .WithDescription("The body is a workflow definition as described by workflows/workflow.schema.json.")
            .WithMetadata(new DocumentedBody("application/json", JsonSchemaType.Object))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new DocumentedProblem(StatusCodes.Status422UnprocessableEntity, OpenApiContract.WorkflowProblemSchema));

        group.MapPost("/try", async Task<Ok<SimulationResult>> (TryWorkflowBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body.ToRequest(), ct)))
            .RequireAuthorization(Permissions.PrincipalSocialWorker)
            .WithSummary("Try a workflow definition with chosen grades, without saving anything")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new DocumentedProblem(StatusCodes.Status422UnprocessableEntity, OpenApiContract.WorkflowProblemSchema));

        return app;
    }
}
