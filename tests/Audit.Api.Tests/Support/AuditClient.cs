using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Audit.Api.Tests.Support;

/// <summary>
/// An HTTP client signed in as one demo user (of <paramref name="council"/>, or the default council) through the development
/// token endpoint. Its checked helpers say what the host logged as errors (<paramref name="errors"/>) when an answer is not the one expected.
/// </summary>
public sealed class AuditClient(HttpClient http, string userName, string? council = null, ServerErrors? errors = null)
{
    private string? _token;

    public string UserName { get; } = userName;

    public string? Council { get; } = council;

    public HttpClient Http => http;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null)
    {
        if (_token is null)
        {
            var tokenResponse = await http.PostAsJsonAsync("/api/dev/token", new { userName = UserName, council = Council });
            tokenResponse.StatusCode.ShouldBe(HttpStatusCode.OK, $"token for {UserName} {errors?.Latest()}");
            _token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        }

        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (body is HttpContent content)
        {
            request.Content = content;
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public Task<HttpResponseMessage> PostAsync(string url, object body) => SendAsync(HttpMethod.Post, url, body);

    /// <summary>Sends, insists on the status, and returns the JSON answer.</summary>
    public async Task<JsonNode> ExpectAsync(HttpStatusCode status, HttpMethod method, string url, object? body = null)
    {
        var response = await SendAsync(method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, $"{method} {url} answered: {text} {errors?.Latest()}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public Task<JsonNode> GetOkAsync(string url) => ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, url);

    public Task<JsonNode> PostOkAsync(string url, object body) => ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, url, body);
}

public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Str(this JsonNode? node, string property) => node![property]!.GetValue<string>();

    public static Guid Id(this JsonNode? node, string property = "id") => Guid.Parse(node.Str(property));

    public static JsonArray Arr(this JsonNode? node, string property) => node![property]!.AsArray();
}
