using System.Text.Json.Nodes;
using Audit.Domain.Grading;
using Audit.Domain.Users;
using Audit.Workflows.Catalogue;
using Audit.Workflows.Tests.Support;

namespace Audit.Workflows.Tests.Definitions;

/// <summary>The hand-written schema that editors use names exactly what the service knows.</summary>
public sealed class WorkflowSchemaTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.WorkflowsFolder, "workflow.schema.json")))!;

    private static string[] Enum(string definition, params string[] path)
    {
        var node = Schema["$defs"]![definition]!;
        node = path.Aggregate(node, (n, step) => n[step]!);
        return node["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray();
    }

    [Fact]
    public void IsDraft2020Dash12()
    {
        Schema["$schema"]!.GetValue<string>().ShouldBe("https://json-schema.org/draft/2020-12/schema");
    }

    [Fact]
    public void ListsEveryTriggerTheServiceKnows() => Enum("triggerName").ShouldBe(Triggers.All);

    [Fact]
    public void ListsEveryRole() => Enum("role").ShouldBe(Role.All);

    [Fact]
    public void ListsEveryGrade() => Enum("grade").ShouldBe(System.Enum.GetNames<Grade>());

    [Fact]
    public void ListsEveryGuardInTheCatalogue() =>
        Enum("guard", "properties", "guard").ShouldBe(WorkflowCatalogue.Guards.Keys, ignoreOrder: true);

    [Fact]
    public void ListsEveryActivityInTheCatalogue() =>
        Enum("activity", "properties", "activity").ShouldBe(WorkflowCatalogue.Activities.Keys, ignoreOrder: true);

    [Fact]
    public void EveryDefinitionInTheRepositoryPointsAtTheSchema()
    {
        foreach (var file in Directory.EnumerateFiles(Repository.WorkflowsFolder, "*.json").Where(f => !f.EndsWith("workflow.schema.json", StringComparison.Ordinal)))
        {
            var schema = JsonNode.Parse(File.ReadAllText(file))!["$schema"];

            schema.ShouldNotBeNull(file);
            schema.GetValue<string>().ShouldBe("./workflow.schema.json", file);
        }
    }
}
