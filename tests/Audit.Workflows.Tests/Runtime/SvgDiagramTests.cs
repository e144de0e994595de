using System.Xml.Linq;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;
using Audit.Workflows.Tests.Support;

namespace Audit.Workflows.Tests.Runtime;

public sealed class SvgDiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static WorkflowDefinition Baseline => WorkflowLoader.Parse(Repository.CaseFileAuditJson, "case-file-audit.json");

    [Fact]
    public void IsWellFormedSvgThatNamesItselfForScreenReaders()
    {
        var svg = XElement.Parse(SvgDiagram.Render(Baseline, "case-file"));

        svg.Name.ShouldBe(Svg + "svg");
        svg.Attribute("role")!.Value.ShouldBe("img");
        svg.Attribute("viewBox")!.Value.Split(' ').Length.ShouldBe(4);
        svg.Attribute("aria-labelledby")!.Value.ShouldBe("case-file-title case-file-desc");
        svg.Element(Svg + "title")!.Value.ShouldBe("State diagram of Case-file audit, version 1");
        svg.Element(Svg + "desc")!.Value.ShouldContain("An audit starts in Grading and ends in Completed or Cancelled.");
    }

    [Fact]
    public void DrawsEveryStateAndEveryTransitionWithItsTriggerAndGuards()
    {
        var definition = Baseline;
        var svg = XElement.Parse(SvgDiagram.Render(definition));
        var text = string.Join("\n", svg.Descendants().Where(e => e.Name == Svg + "text" || e.Name == Svg + "tspan").Select(e => e.Value));

        svg.Descendants(Svg + "g").Select(g => g.Attribute("data-state")?.Value).OfType<string>()
            .ShouldBe(definition.States.Select(s => s.Name), ignoreOrder: true);
        svg.Descendants(Svg + "path").Select(p => p.Attribute("data-transition")?.Value).OfType<string>()
            .ShouldBe(definition.Transitions.Select(t => $"{t.From} {t.Trigger} {t.To}"), ignoreOrder: true);
        text.ShouldContain("[needsModeration(forcingGrade=Inadequate, pointsApart=2)]");
        text.ShouldContain("[otherwise]");
        text.ShouldContain("Timer remindGraders: 5 days before the round is due");
        text.ShouldContain("Timer escalateAgain: 15 days after the follow-up actions are due");
    }

    [Fact]
    public void EscapesTextFromTheDefinition()
    {
        var json = WithChange(d => d["title"] = "Audit <script>alert(1)</script> & \"more\"");

        var rendered = SvgDiagram.Render(WorkflowLoader.Parse(json, "escaped.json"));

        rendered.ShouldNotContain("<script>");
        rendered.ShouldContain("Audit &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"more\"");
        XElement.Parse(rendered).Element(Svg + "title")!.Value.ShouldContain("<script>alert(1)</script> & \"more\"");
    }

    private static string WithChange(Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Repository.CaseFileAuditJson)!.AsObject();
        change(json);
        return json.ToJsonString();
    }

    [Fact]
    public void DrawsTheSameDefinitionTheSameWayEveryTime() =>
        SvgDiagram.Render(Baseline).ShouldBe(SvgDiagram.Render(Baseline));

    [Fact]
    public void PutsStatesInRowsByTheLongestPathFromTheStart()
    {
        var layout = DiagramLayout.Of(Baseline);

        layout["Grading"].Row.ShouldBe(0);
        layout["Moderation"].Row.ShouldBe(1);
        layout["ActionsOpen"].Row.ShouldBe(2);
        layout["Completed"].Row.ShouldBe(3);
        layout["Cancelled"].Row.ShouldBe(3);
        layout["Completed"].Y.ShouldBeGreaterThan(layout["ActionsOpen"].Bottom);
    }
}
