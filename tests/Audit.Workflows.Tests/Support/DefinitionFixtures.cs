using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Audit.Workflows.Definitions;

namespace Audit.Workflows.Tests.Support;

/// <summary>
/// Definitions to break. The baseline is a copy of the case-file audit kept beside the tests, so that a change to the
/// repository's workflow does not move the paths these tests expect.
/// </summary>
public static partial class DefinitionFixtures
{
    public const string BaselineFile = "case-file-audit.json";

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Definitions", "Fixtures", name);

    public static string Fixture(string name) => File.ReadAllText(FixturePath(name));

    public static string Baseline => Fixture(BaselineFile);

    /// <summary>The baseline with one change made to it.</summary>
    public static string BaselineWith(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(Baseline)!.AsObject();
        change(json);
        return json.ToJsonString();
    }

    /// <summary>The baseline with the value at <paramref name="path"/> (such as <c>transitions[0].when[1].guard</c>) replaced by <paramref name="json"/>, or removed when it is null.</summary>
    public static string BaselineWith(string path, string? json) => BaselineWith(d =>
    {
        var steps = Step().Matches(path)
            .Select(m => m.Groups["name"].Success
                ? new JsonPathStep(m.Groups["name"].Value, -1)
                : new JsonPathStep(null, int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture)))
            .ToList();
        JsonNode parent = d;
        foreach (var step in steps[..^1])
        {
            parent = step.Name is { } name ? parent[name]! : parent[step.Index]!;
        }

        var last = steps[^1];
        var value = json is null ? null : JsonNode.Parse(json);
        switch (last.Name, json)
        {
            case ({ } name, null):
                parent.AsObject().Remove(name);
                break;
            case ({ } name, _):
                parent[name] = value;
                break;
            case (null, null):
                parent.AsArray().RemoveAt(last.Index);
                break;
            default:
                parent[last.Index] = value;
                break;
        }
    });

    /// <summary>Parses and expects refusal; returns the errors.</summary>
    public static IReadOnlyList<WorkflowDefinitionError> ErrorsOf(string json, string source = BaselineFile) =>
        Should.Throw<WorkflowDefinitionException>(() => WorkflowLoader.Parse(json, source)).Errors;

    public static JsonObject State(this JsonObject definition, string name) =>
        definition["states"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == name)!.AsObject();

    /// <summary>A fresh folder under the temp directory with the given files.</summary>
    public static string Folder(params (string Name, string Json)[] files)
    {
        var folder = Path.Combine(Path.GetTempPath(), "audit-workflow-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var (name, json) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), json);
        }

        return folder;
    }

    [GeneratedRegex(@"(?<name>[A-Za-z$]+)|\[(?<index>[0-9]+)\]")]
    private static partial Regex Step();

    private readonly record struct JsonPathStep(string? Name, int Index);
}
