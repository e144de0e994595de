using System.Text.Json.Nodes;
using Audit.Workflows.Definitions;
using Audit.Workflows.Tests.Support;
using static Audit.Workflows.Tests.Support.DefinitionFixtures;

namespace Audit.Workflows.Tests.Definitions;

public sealed class WorkflowLoaderTests
{
    private static string Version(int version, Action<JsonObject>? change = null) => CaseFileAuditWith(d =>
    {
        d["version"] = version;
        change?.Invoke(d);
    });

    [Fact]
    public void LoadsEveryDefinitionInTheRepositorysWorkflowsFolder()
    {
        var definitions = WorkflowLoader.LoadDirectory(Repository.WorkflowsFolder);

        definitions.ShouldNotBeEmpty();
        definitions.Select(d => d.Name).ShouldContain("case-file-audit");
        definitions.ShouldAllBe(d => File.Exists(d.Source));
    }

    [Fact]
    public void SkipsTheSchemaAndLoadsVersionedFilesBesideTheFirst()
    {
        var folder = Folder(
            ("case-file-audit.json", Repository.CaseFileAuditJson),
            ("case-file-audit.v2.json", Version(2)),
            ("workflow.schema.json", File.ReadAllText(Path.Combine(Repository.WorkflowsFolder, "workflow.schema.json"))));

        var definitions = WorkflowLoader.LoadDirectory(folder);

        definitions.Select(d => d.Version).ShouldBe([1, 2]);
    }

    [Fact]
    public void ReportsTheErrorsOfEveryBadFileAtOnce()
    {
        var folder = Folder(
            ("case-file-audit.json", Version(1, d => d["initialState"] = "Nowhere")),
            ("case-file-audit.v2.json", Version(2, d => d["transitions"]![0]!["to"] = "Limbo")),
            ("minimal.json", Fixture("minimal.json")));

        var errors = Should.Throw<WorkflowDefinitionException>(() => WorkflowLoader.LoadDirectory(folder)).Errors;

        errors.Select(e => (Path.GetFileName(e.Source), e.Path)).ShouldBe(
        [
            ("case-file-audit.json", "$.initialState"),
            ("case-file-audit.v2.json", "$.transitions[0].to"),
        ]);
    }

    [Fact]
    public void RefusesAFileWhoseNameDoesNotMatchItsContent()
    {
        var folder = Folder(("case-file-audit.v3.json", Version(2)));

        var error = Should.Throw<WorkflowDefinitionException>(() => WorkflowLoader.LoadDirectory(folder)).Errors.ShouldHaveSingleItem();

        error.Path.ShouldBe("$.name");
        error.Problem.ShouldContain("case-file-audit.v2.json");
    }

    [Fact]
    public void RefusesTheSameVersionDefinedByTwoFiles()
    {
        var folder = Folder(("case-file-audit.json", Version(2)), ("case-file-audit.v2.json", Version(2)));

        var error = Should.Throw<WorkflowDefinitionException>(() => WorkflowLoader.LoadDirectory(folder)).Errors.ShouldHaveSingleItem();

        error.Path.ShouldBe("$.version");
        error.Problem.ShouldContain("also defined in");
    }

    [Fact]
    public void RefusesAFolderWithNoDefinitions()
    {
        var error = Should.Throw<WorkflowDefinitionException>(() => WorkflowLoader.LoadDirectory(Folder())).Errors.ShouldHaveSingleItem();

        error.Problem.ShouldContain("no workflow definitions");
    }

    [Fact]
    public void RefusesAMissingFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "audit-workflow-tests", "does-not-exist");

        Should.Throw<WorkflowDefinitionException>(() => WorkflowLoader.LoadDirectory(missing)).Errors.ShouldHaveSingleItem().Source.ShouldBe(missing);
    }

    [Fact]
    public void TheContentHashIgnoresWhitespaceButNotContent()
    {
        var original = WorkflowLoader.Parse(Repository.CaseFileAuditJson, "a.json");
        var reformatted = WorkflowLoader.Parse(JsonNode.Parse(Repository.CaseFileAuditJson)!.ToJsonString(new() { WriteIndented = true }).Replace("\n", "\r\n", StringComparison.Ordinal), "b.json");
        var changed = WorkflowLoader.Parse(CaseFileAuditWith(d => d["title"] = "Case-file audit, retitled"), "c.json");

        reformatted.ContentHash.ShouldBe(original.ContentHash);
        changed.ContentHash.ShouldNotBe(original.ContentHash);
    }
}
