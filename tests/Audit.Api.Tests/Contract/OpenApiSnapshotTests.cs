using System.Text.Json;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Contract;

/// <summary>
/// The generated client (tests/Audit.Client) is committed with the document it was generated from,
/// tests/Audit.Client/openapi.json. This test fails when the live /openapi/v1.json is not that document, so the client
/// can never drift from the service. `bash tools/generate-client.sh` writes the snapshot and regenerates the client.
/// </summary>
public sealed class OpenApiSnapshotTests : IDisposable
{
    /// <summary>Set to 1 (as tools/generate-client.sh does), the test writes the snapshot instead of comparing.</summary>
    public const string UpdateVariable = "AUDIT_UPDATE_OPENAPI_SNAPSHOT";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    public static string SnapshotPath => Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "tests", "Audit.Client", "openapi.json");

    [Fact]
    public async Task TheGeneratedClientsDocumentIsTheLiveDocument()
    {
        var live = JsonNode.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;
        var text = live.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(SnapshotPath, text, TestContext.Current.CancellationToken);
            return;
        }

        File.Exists(SnapshotPath).ShouldBeTrue($"There is no snapshot at {SnapshotPath}: run 'bash tools/generate-client.sh'.");
        var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(SnapshotPath, TestContext.Current.CancellationToken))!;
        JsonNode.DeepEquals(live, snapshot).ShouldBeTrue(
            "/openapi/v1.json is not the document the generated client (tests/Audit.Client) was made from: run 'bash tools/generate-client.sh' "
            + $"and commit the snapshot and the client. First difference: {FirstDifference(snapshot, live, "#")}");
    }

    private static string FirstDifference(JsonNode? snapshot, JsonNode? live, string where)
    {
        switch (snapshot, live)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
                {
                    if (!a.ContainsKey(key) || !b.ContainsKey(key))
                    {
                        return $"{where}/{key} is {(a.ContainsKey(key) ? "only in the snapshot" : "only in the live document")}";
                    }

                    if (!JsonNode.DeepEquals(a[key], b[key]))
                    {
                        return FirstDifference(a[key], b[key], $"{where}/{key}");
                    }
                }

                break;
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    if (!JsonNode.DeepEquals(a[i], b[i]))
                    {
                        return FirstDifference(a[i], b[i], $"{where}/{i}");
                    }
                }

                break;
        }

        return $"{where}: snapshot {Short(snapshot)}, live {Short(live)}";
    }

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 200 ? text[..200] + "..." : text;
    }
}
