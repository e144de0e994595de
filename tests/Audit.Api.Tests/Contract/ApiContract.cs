using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Audit.Api.Tests.Contract;

/// <summary>
/// The service's own OpenAPI document, with a JSON Schema validator that checks a real answer (or a request body)
/// against the schema the document gives for that operation and status. References to #/components/schemas/... are
/// resolved by registering the whole document under its address.
/// </summary>
public sealed class ApiContract
{
    private static readonly Uri DocumentUri = new("https://audit.test/openapi/v1.json");

    private readonly BuildOptions _build;

    private ApiContract(string text)
    {
        Text = text;
        Document = JsonNode.Parse(text)!.AsObject();
        var registry = new SchemaRegistry();
        registry.Register(DocumentUri, new JsonElementBaseDocument(JsonDocument.Parse(text).RootElement.Clone(), DocumentUri));
        _build = new BuildOptions { SchemaRegistry = registry };
    }

    public string Text { get; }

    public JsonObject Document { get; }

    public static async Task<ApiContract> FetchAsync(HttpClient client) => new(await client.GetStringAsync("/openapi/v1.json"));

    public IEnumerable<(string Method, string Route, JsonObject Operation)> Operations() =>
        from path in Document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        select (operation.Key, path.Key, operation.Value!.AsObject());

    public JsonObject Operation(string method, string route) =>
        Document["paths"]?[route]?[method.ToLowerInvariant()]?.AsObject()
        ?? throw new ShouldAssertException($"The document has no operation {method} {route}.");

    /// <summary>Checks the answer's body against the operation's schema for the answer's status; returns the body.</summary>
    public async Task<JsonNode?> CheckAsync(HttpResponseMessage response, string method, string route)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = await response.Content.ReadAsStringAsync();
        var answer = Operation(method, route)["responses"]?[status]?.AsObject()
            ?? throw new ShouldAssertException($"{method} {route} answered {status}, which the document does not list: {body}");
        if (answer["content"] is not JsonObject content || content.Count == 0)
        {
            return null;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        content.ContainsKey(mediaType).ShouldBeTrue($"{method} {route} {status} answered {mediaType}; the document lists {string.Join(", ", content.Select(c => c.Key))}");
        var pointer = $"#/paths/{Escape(route)}/{method.ToLowerInvariant()}/responses/{status}/content/{Escape(mediaType)}/schema";
        Validate(pointer, body, $"{method} {route} {status}");
        return body.Length == 0 ? null : JsonNode.Parse(body);
    }

    /// <summary>Checks a JSON request body against the operation's request schema.</summary>
    public void CheckRequest(string method, string route, object body)
    {
        Operation(method, route)["requestBody"]?["content"]?["application/json"].ShouldNotBeNull($"{method} {route} has no JSON request body");
        var text = body as string ?? JsonSerializer.Serialize(body, Support.Json.Options);
        Validate($"#/paths/{Escape(route)}/{method.ToLowerInvariant()}/requestBody/content/application~1json/schema", text, $"request of {method} {route}");
    }

    private void Validate(string pointer, string instance, string what)
    {
        var schema = JsonSchema.FromText(
            $$"""{"$ref": "{{DocumentUri}}{{pointer}}"}""",
            _build,
            new Uri($"https://audit.test/checks/{Guid.NewGuid():N}.json"));
        using var json = JsonDocument.Parse(instance);
        var result = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        result.IsValid.ShouldBeTrue($"{what} does not match the document: {Errors(result)}\n{Shorten(instance)}");
    }

    // A JSON pointer token, as it goes in a URI fragment ("application/problem+json" keeps its plus).
    private static string Escape(string token) => token
        .Replace("~", "~0", StringComparison.Ordinal)
        .Replace("/", "~1", StringComparison.Ordinal)
        .Replace("+", "%2B", StringComparison.Ordinal);

    private static string Errors(EvaluationResults result) => string.Join("; ", (result.Details ?? [])
        .Where(d => d.Errors is { Count: > 0 })
        .Select(d => $"{d.InstanceLocation} ({d.SchemaLocation}): {string.Join(", ", d.Errors!.Values)}")
        .Take(10));

    private static string Shorten(string text) => text.Length > 1500 ? text[..1500] + "..." : text;
}
