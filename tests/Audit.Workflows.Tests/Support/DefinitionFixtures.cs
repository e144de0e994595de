using System.Text.Json.Nodes;
using Audit.Workflows.Definitions;

namespace Audit.Workflows.Tests.Support;

/// <summary>Definitions to break: the real case-file audit, or the small fixtures kept beside the tests.</summary>
public static class DefinitionFixtures
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Definitions", "Fixtures", name);

    public static string Fixture(string name) => File.ReadAllText(FixturePath(name));

    /// <summary>The repository's case-file audit with one change made to it.</summary>
    public static string CaseFileAuditWith(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(Repository.CaseFileAuditJson)!.AsObject();
        change(json);
        return json.ToJsonString();
    }

    /// <summary>Parses and expects refusal; returns the errors.</summary>
    public static IReadOnlyList<WorkflowDefinitionError> ErrorsOf(string json, string source = "case-file-audit.json") =>
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
}
