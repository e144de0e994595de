using System.Text.Json.Nodes;
using Audit.Workflows.Definitions;
using Audit.Workflows.Tests.Support;
using static Audit.Workflows.Tests.Support.DefinitionFixtures;

namespace Audit.Workflows.Tests.Definitions;

public sealed class WorkflowLoaderTests
{
    private static string Version(int version, Action<JsonObject>? change = null) => BaselineWith(d =>
    {
        d["version"] = version;
        change?.Invoke(d);
    });

    private static IReadOnlyList<WorkflowDefinitionError> LoadErrors(string folder) =>
        Should.Throw<WorkflowDefinitionException>(() => WorkflowLoader.LoadDirectory(folder)).Errors;

    [Fact]
    public void LoadsEveryDefinitionInTheRepositorysWorkflowsFolder()
    {
        var folder = Repository.WorkflowsFolder;
        var files = Directory.EnumerateFiles(folder, "*.json").Where(f => Path.GetFileName(f) != WorkflowLoader.SchemaFileName).ToList();

        var definitions = WorkflowLoader.LoadDirectory(folder);

        definitions.Select(d => d.Source).ShouldBe(files, ignoreOrder: true);
        definitions.ShouldContain(d => d.Name == "case-file-audit");
        new WorkflowRegistry(definitions).All.Count.ShouldBe(definitions.Count);
    }

    [Fact]
    public void SkipsTheSchemaAndLoadsVersionedFilesBesideTheFirst()
    {
        var folder = Folder(
            ("case-file-audit.json", Baseline),
            ("case-file-audit.v2.json", Version(2)),
            ("minimal.v1.json", Fixture("minimal.json")),
            ("workflow.schema.json", File.ReadAllText(Path.Combine(Repository.WorkflowsFolder, "workflow.schema.json"))),
            ("notes.txt", "not a definition"));

        var definitions = WorkflowLoader.LoadDirectory(folder);

        definitions.Select(d => $"{d.Name} v{d.Version}").ShouldBe(["case-file-audit v1", "case-file-audit v2", "minimal v1"], ignoreOrder: true);
        definitions.ShouldAllBe(d => Path.GetDirectoryName(d.Source) == folder);
    }

    [Fact]
    public void ReportsTheErrorsOfEveryBadFileAtOnce()
    {
        var folder = Folder(
            ("case-file-audit.json", Version(1, d => d["initialState"] = "Nowhere")),
            ("case-file-audit.v2.json", Version(2, d => d["transitions"]![0]!["to"] = "Limbo")),
            ("not-json.json", Fixture("not-json.json")),
            ("minimal.json", Fixture("minimal.json")));

        var errors = LoadErrors(folder);

        errors.Select(e => (Path.GetFileName(e.Source), e.Path, e.Problem.Split(':')[0])).ShouldBe(
        [
            ("case-file-audit.json", "$.initialState", "unknown state 'Nowhere'; the states are Grading, Moderation, ActionsOpen, Completed, Cancelled."),
            ("case-file-audit.v2.json", "$.transitions[0].to", "unknown state 'Limbo'."),
            ("not-json.json", "$.states", "not valid JSON at line 5, position 1"),
        ], ignoreOrder: true);
        errors.ShouldAllBe(e => Path.GetDirectoryName(e.Source) == folder);
    }

    [Fact]
    public void RefusesAFileWhoseNameDoesNotMatchItsVersion()
    {
        var folder = Folder(("case-file-audit.v3.json", Version(2)));

        var error = LoadErrors(folder).ShouldHaveSingleItem();

        error.Source.ShouldBe(Path.Combine(folder, "case-file-audit.v3.json"));
        error.Path.ShouldBe("$.name");
        error.Problem.ShouldBe("the file name does not match its content (case-file-audit version 2): name it 'case-file-audit.json' or 'case-file-audit.v2.json'.");
    }

    [Fact]
    public void RefusesAFileWhoseNameDoesNotMatchItsName()
    {
        var error = LoadErrors(Folder(("case-file-review.json", Baseline))).ShouldHaveSingleItem();

        error.Path.ShouldBe("$.name");
        error.Problem.ShouldContain("name it 'case-file-audit.json' or 'case-file-audit.v1.json'");
    }

    [Fact]
    public void ChecksTheFileNameEvenWhenTheContentHasErrors()
    {
        var folder = Folder(("audit.json", Version(1, d => d["initialState"] = "Nowhere")));

        LoadErrors(folder).Select(e => e.Path).ShouldBe(["$.initialState", "$.name"], ignoreOrder: true);
    }

    [Fact]
    public void RefusesTheSameVersionDefinedByTwoFiles()
    {
        var folder = Folder(("case-file-audit.json", Version(2)), ("case-file-audit.v2.json", Version(2)));

        var error = LoadErrors(folder).ShouldHaveSingleItem();

        error.Source.ShouldBe(Path.Combine(folder, "case-file-audit.v2.json"));
        error.Path.ShouldBe("$.version");
        error.Problem.ShouldBe($"case-file-audit version 2 is also defined in {Path.Combine(folder, "case-file-audit.json")}.");
    }

    [Fact]
    public void RefusesAFolderWithNoDefinitions()
    {
        var folder = Folder(("workflow.schema.json", "{}"));

        var error = LoadErrors(folder).ShouldHaveSingleItem();

        error.Source.ShouldBe(folder);
        error.Problem.ShouldBe("the folder holds no workflow definitions.");
    }

    [Fact]
    public void RefusesAMissingFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "audit-workflow-tests", "does-not-exist");

        var error = LoadErrors(missing).ShouldHaveSingleItem();

        error.Source.ShouldBe(missing);
        error.Problem.ShouldBe("the workflow folder does not exist.");
    }

    [Fact]
    public void TheContentHashIgnoresWhitespaceAndLineEndingsButNotContent()
    {
        var original = WorkflowLoader.Parse(Baseline, "a.json");
        var reformatted = WorkflowLoader.Parse(
            JsonNode.Parse(Baseline)!.ToJsonString(new() { WriteIndented = true }).Replace("\n", "\r\n", StringComparison.Ordinal), "b.json");
        var compact = WorkflowLoader.Parse(original.CanonicalJson, "c.json");
        var retitled = WorkflowLoader.Parse(BaselineWith(d => d["title"] = "Case-file audit, retitled"), "d.json");
        var longerDue = WorkflowLoader.Parse(BaselineWith("states[2].onEntry[1].with.dueInDays", "21"), "e.json");

        reformatted.ContentHash.ShouldBe(original.ContentHash);
        compact.ContentHash.ShouldBe(original.ContentHash);
        compact.CanonicalJson.ShouldBe(original.CanonicalJson);
        original.CanonicalJson.ShouldNotContain("\n");
        retitled.ContentHash.ShouldNotBe(original.ContentHash);
        longerDue.ContentHash.ShouldNotBe(original.ContentHash);
    }
}
