using Audit.Workflows.Definitions;
using static Audit.Workflows.Tests.Support.DefinitionFixtures;

namespace Audit.Workflows.Tests.Definitions;

public sealed class WorkflowRegistryTests
{
    private static WorkflowDefinition Version(int version, string title = "Case-file audit") =>
        WorkflowLoader.Parse(BaselineWith(d =>
        {
            d["version"] = version;
            d["title"] = title;
        }), $"case-file-audit.v{version}.json");

    [Fact]
    public void FindsEachVersionAndTheLatest()
    {
        var registry = new WorkflowRegistry([Version(2), Version(1), WorkflowLoader.Parse(Fixture("minimal.json"), "minimal.json")]);

        registry.Latest("case-file-audit")!.Version.ShouldBe(2);
        registry.Get("case-file-audit", 1)!.Version.ShouldBe(1);
        registry.Get("case-file-audit", 3).ShouldBeNull();
        registry.Latest("unknown").ShouldBeNull();
        registry.Get("unknown", 1).ShouldBeNull();
        registry.Versions("unknown").ShouldBeEmpty();
        registry.Versions("case-file-audit").ShouldBe([1, 2]);
        registry.All.Select(d => $"{d.Name} v{d.Version}").ShouldBe(["case-file-audit v1", "case-file-audit v2", "minimal v1"]);
    }

    [Fact]
    public void KeepsOneCopyOfTheSameVersionWithTheSameContent()
    {
        var registry = new WorkflowRegistry([Version(1), Version(1)]);

        registry.All.Count.ShouldBe(1);
    }

    [Fact]
    public void RefusesTwoDifferentDefinitionsUnderOneVersion()
    {
        var error = Should.Throw<WorkflowDefinitionException>(() => new WorkflowRegistry([Version(1), Version(1, "Changed")])).Errors.ShouldHaveSingleItem();

        error.Problem.ShouldContain("differs");
    }
}
