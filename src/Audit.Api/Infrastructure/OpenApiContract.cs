using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Audit.Api.Infrastructure;

/// <summary>
/// What makes /openapi/v1.json a contract a generated client can use, in one place: every operation named (each
/// endpoint says its own summary with WithSummary), every refusal it can meet documented as problem details, the
/// development sign-in outside bearer security, enums typed as the strings they are sent as, and only what is really
/// always there marked required.
/// </summary>
public static class OpenApiContract
{
    public const string ProblemSchema = "ProblemDetails";

    public const string ValidationProblemSchema = "HttpValidationProblemDetails";

    /// <summary>A workflow definition refused (422): its errors, each with its JSON path.</summary>
    public const string WorkflowProblemSchema = "WorkflowDefinitionProblemDetails";

    /// <summary>An import refused (422): its faults, each with its line and column.</summary>
    public const string ImportProblemSchema = "ImportProblemDetails";

    private const string ProblemContentType = "application/problem+json";

    public static OpenApiOptions AddAuditContract(this OpenApiOptions options)
    {
        options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
        options.AddSchemaTransformer(TransformSchema);
        options.AddOperationTransformer(TransformOperation);
        options.AddDocumentTransformer(TransformDocument);
        return options;
    }

    /// <summary>"GET /api/audits/{id}/gradings" gives "getAuditsByIdGradings": stable, unique per method and route.</summary>
    public static string OperationId(string method, string route)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in Segments(route))
        {
            id.Append(segment.StartsWith('{') ? "By" + Pascal(ParameterName(segment)) : Pascal(segment));
        }

        return id.ToString();
    }

    private static IEnumerable<string> Segments(string route) =>
        route.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipWhile(s => s == "api");

    private static string ParameterName(string segment) => segment.Trim('{', '}').Split(':', '=', '?')[0];

    private static string Pascal(string words) => string.Concat(words
        .Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries)
        .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static Task TransformSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        if (enumType.IsEnum && schema.Enum is { Count: > 0 })
        {
            // Sent and read as names (JsonStringEnumConverter). Every nullable use wraps the enum's schema in a oneOf
            // with null, so the enum's own schema (one component for every use) never takes null, even when the
            // framework met a nullable use first and put null among its values.
            schema.Type = JsonSchemaType.String;
            schema.Enum = schema.Enum.Where(v => v is not null).ToList();
        }

        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Required is { Count: > 0 })
        {
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                if (!IsAlwaysThere(property))
                {
                    schema.Required.Remove(property.Name);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Required means "always in the answer and needed in a request": not a property left out when null (a young
    /// assessor's case file leaves out the reference, team and worker), nor one that may be null or has a default.
    /// </summary>
    private static bool IsAlwaysThere(JsonPropertyInfo property)
    {
        var ignore = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().FirstOrDefault();
        if (ignore is { Condition: JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault })
        {
            return false;
        }

        if (Nullable.GetUnderlyingType(property.PropertyType) is not null || property.IsSetNullable)
        {
            return false;
        }

        return property.AssociatedParameter is not { HasDefaultValue: true };
    }

    private static Task TransformOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var method = description.HttpMethod ?? "GET";
        var route = "/" + (description.RelativePath ?? "").TrimStart('/');
        operation.OperationId ??= OperationId(method, route);

        var metadata = description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            // Anyone may call it: no bearer token asked for (an empty list overrides the document's requirement).
            operation.Security = [];
        }

        // Only a body the framework binds from JSON is refused as 415 when it is not JSON; an endpoint that reads the
        // raw body itself (a CSV file, a workflow definition) takes whatever it is sent and judges it.
        var boundJson = operation.RequestBody?.Content?.ContainsKey("application/json") == true;
        if (metadata.OfType<DocumentedBody>().FirstOrDefault() is { } documented && operation.RequestBody is null)
        {
            // An endpoint that reads the raw body (a CSV file, a workflow definition) says what it takes. Metadata
            // for the document only: unlike Accepts, it does not make routing refuse other content types.
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [documented.ContentType] = new() { Schema = new OpenApiSchema { Type = documented.Type } },
                },
            };
        }

        operation.Responses ??= [];
        var hasBody = operation.RequestBody?.Content is { Count: > 0 };
        if (hasBody)
        {
            AddProblem(operation, StatusCodes.Status413PayloadTooLarge, "The request body is larger than this endpoint accepts.", context.Document);
            if (boundJson)
            {
                AddProblem(operation, StatusCodes.Status415UnsupportedMediaType, "The request body is not JSON.", context.Document);
            }
        }

        if (HttpMethods.IsGet(method) && operation.Parameters is not { Count: > 0 })
        {
            // A read that takes nothing has nothing to be wrong (400) and nothing to look for (404): its group's
            // refusals are documented for every endpoint in it, so drop those this one cannot answer.
            operation.Responses.Remove(StatusCodes.Status400BadRequest.ToString(CultureInfo.InvariantCulture));
            operation.Responses.Remove(StatusCodes.Status404NotFound.ToString(CultureInfo.InvariantCulture));
        }

        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            AddProblem(operation, StatusCodes.Status422UnprocessableEntity, "The change breaks a rule.", context.Document);
            AddProblem(operation, StatusCodes.Status429TooManyRequests, "Too many writes (or sign-ins) this minute; try again after Retry-After seconds.", context.Document);
        }
        else
        {
            // A conflict (someone else's change first, a trigger the state does not permit) comes only from a change.
            operation.Responses.Remove(StatusCodes.Status409Conflict.ToString(CultureInfo.InvariantCulture));
        }

        // Every refusal is problem details, with the extensions it can carry.
        foreach (var (status, response) in operation.Responses.ToList())
        {
            if (int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code >= 400 && response is OpenApiResponse concrete)
            {
                // One shape for each name: "errors" is the fields at fault (400) in one schema and a definition's
                // errors (422) in another, so that a generated client reads each as what it is.
                var schemaName = metadata.OfType<DocumentedProblem>().FirstOrDefault(p => p.Status == code)?.Schema
                    ?? (code == StatusCodes.Status400BadRequest ? ValidationProblemSchema : ProblemSchema);
                concrete.Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(schemaName, context.Document) },
                };
                concrete.Description ??= ReasonPhrase(code);
            }
        }

        return Task.CompletedTask;
    }

    private static void AddProblem(OpenApiOperation operation, int status, string description, OpenApiDocument? document)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (!operation.Responses!.ContainsKey(key))
        {
            operation.Responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
                },
            };
        }
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static Task TransformDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var name in new[] { ProblemSchema, ValidationProblemSchema, WorkflowProblemSchema, ImportProblemSchema })
        {
            if (!document.Components.Schemas.TryGetValue(name, out var found) || found is not OpenApiSchema problem)
            {
                problem = new OpenApiSchema { Type = JsonSchemaType.Object };
                document.Components.Schemas[name] = problem;
            }

            AddExtensions(problem, name);
        }

        // Any JSON (a workflow definition as it was published): an object, whose members a client keeps as they come.
        foreach (var name in new[] { "JsonNode", "JsonElement" })
        {
            if (document.Components.Schemas.TryGetValue(name, out var any) && any is OpenApiSchema { Type: null, Properties: null or { Count: 0 } } json)
            {
                json.Type = JsonSchemaType.Object;
                json.Description = "A workflow definition, as described by workflows/workflow.schema.json.";
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>What ProblemDetailsExceptionHandler (and the framework) write beyond RFC 9457's own members.</summary>
    private static void AddExtensions(OpenApiSchema problem, string name)
    {
        problem.Type = JsonSchemaType.Object;
        problem.Required?.Clear();
        problem.Properties ??= new Dictionary<string, IOpenApiSchema>();
        var text = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null };
        problem.Properties["type"] = text;
        problem.Properties["title"] = text;
        problem.Properties["detail"] = text;
        problem.Properties["instance"] = text;
        problem.Properties["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" };
        problem.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace, to quote when reporting a fault." };
        switch (name)
        {
            case ValidationProblemSchema:
                problem.Properties["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "The fields at fault: each field's path and its messages.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                };
                break;
            case WorkflowProblemSchema:
                problem.Properties["errors"] = ArrayOfObjects(
                    "The definition's errors, each with its JSON path.",
                    ("path", new OpenApiSchema { Type = JsonSchemaType.String }),
                    ("problem", new OpenApiSchema { Type = JsonSchemaType.String }));
                break;
            case ImportProblemSchema:
                problem.Properties["faults"] = ArrayOfObjects(
                    "The file's faults, one per line and column.",
                    ("line", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" }),
                    ("column", new OpenApiSchema { Type = JsonSchemaType.String }),
                    ("problem", new OpenApiSchema { Type = JsonSchemaType.String }));
                break;
            default:
                problem.Properties["state"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The audit's state when a trigger was not permitted (409)." };
                problem.Properties["trigger"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The trigger that was not permitted (409)." };
                problem.Properties["permittedTriggers"] = new OpenApiSchema
                {
                    Description = "The triggers permitted in that state (409).",
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema { Type = JsonSchemaType.String },
                };
                break;
        }
    }

    /// <summary>An array of objects, each with every one of <paramref name="properties"/> (all required), in that order.</summary>
    private static OpenApiSchema ArrayOfObjects(string description, params (string Name, OpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Array,
        Description = description,
        Items = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = properties.Select(p => p.Name).ToHashSet(),
            Properties = properties.ToDictionary(p => p.Name, p => (IOpenApiSchema)p.Schema),
        },
    };
}

/// <summary>For the OpenAPI document: the problem schema an endpoint answers a status with, when not the usual one.</summary>
public sealed record DocumentedProblem(int Status, string Schema);

/// <summary>For the OpenAPI document: the body an endpoint reads itself from the request stream.</summary>
public sealed record DocumentedBody(string ContentType, JsonSchemaType Type = JsonSchemaType.String);
