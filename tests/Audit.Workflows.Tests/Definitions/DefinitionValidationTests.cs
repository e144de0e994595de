using System.Text.Json.Nodes;
using Audit.Workflows.Definitions;
using Audit.Workflows.Tests.Support;
using static Audit.Workflows.Tests.Support.DefinitionFixtures;

namespace Audit.Workflows.Tests.Definitions;

/// <summary>Each way a definition can be wrong is refused with the file, the JSON path and the problem.</summary>
public sealed class DefinitionValidationTests
{
    private static void ShouldReport(IReadOnlyList<WorkflowDefinitionError> errors, string path, string problemPart)
    {
        var error = errors.ShouldHaveSingleItem();
        error.Source.ShouldBe("case-file-audit.json");
        error.Path.ShouldBe(path);
        error.Problem.ShouldContain(problemPart);
    }

    [Fact]
    public void AcceptsTheRepositorysCaseFileAudit()
    {
        var definition = WorkflowLoader.Parse(Repository.CaseFileAuditJson, "case-file-audit.json");

        definition.Name.ShouldBe("case-file-audit");
        definition.Version.ShouldBe(1);
        definition.States.Select(s => s.Name).ShouldBe(["Grading", "Moderation", "ActionsOpen", "Completed", "Cancelled"]);
        definition.ContentHash.Length.ShouldBe(64);
    }

    [Fact]
    public void RejectsMalformedJson()
    {
        var errors = ErrorsOf(Fixture("not-json.json"), "not-json.json");

        errors.ShouldHaveSingleItem().Problem.ShouldContain("not valid JSON");
        errors[0].Source.ShouldBe("not-json.json");
    }

    [Fact]
    public void RejectsADefinitionWithoutAName() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d.Remove("name"))), "$.name", "'name' is required");

    [Fact]
    public void RejectsANameThatIsNotKebabCase() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["name"] = "Case File Audit")), "$.name", "lower-case words joined by hyphens");

    [Theory]
    [InlineData("0")]
    [InlineData("\"1\"")]
    [InlineData("1.5")]
    public void RejectsAVersionThatIsNotAPositiveWholeNumber(string version) =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["version"] = JsonNode.Parse(version))), "$.version", "whole number of at least 1");

    [Fact]
    public void RejectsAnUnknownInitialState() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["initialState"] = "Drafting")), "$.initialState", "unknown state 'Drafting'");

    [Fact]
    public void RejectsATransitionToAnUnknownState() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["transitions"]![1]!["to"] = "Moderaton")), "$.transitions[1].to", "unknown state 'Moderaton'");

    [Fact]
    public void RejectsATransitionFromAnUnknownState() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["transitions"]![8]!["from"] = "Gradingg")), "$.transitions[8].from", "unknown state 'Gradingg'");

    [Fact]
    public void RejectsATriggerTheServiceDoesNotKnow() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["triggers"]!.AsArray().Add(JsonNode.Parse("""{ "name": "approve", "roles": ["Auditor"] }""")))),
            "$.triggers[4].name", "unknown trigger 'approve'");

    [Fact]
    public void RejectsATransitionOnATriggerNotDeclared()
    {
        var errors = ErrorsOf(CaseFileAuditWith(d => d["triggers"]!.AsArray().RemoveAt(3)));

        errors.Select(e => e.Path).ShouldBe(["$.transitions[8].trigger", "$.transitions[9].trigger", "$.transitions[10].trigger"]);
        errors.ShouldAllBe(e => e.Problem.Contains("'cancel' is not declared"));
    }

    [Fact]
    public void RejectsAnUnknownRole() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["triggers"]![1]!["roles"]!.AsArray().Add("Inspector"))), "$.triggers[1].roles[1]", "unknown role");

    [Fact]
    public void RejectsATriggerWithNoRoles() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["triggers"]![1]!["roles"] = new JsonArray())), "$.triggers[1].roles", "must not be empty");

    [Fact]
    public void RejectsAnUnknownGuard() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["transitions"]![6]!["when"]![0]!["guard"] = "allActionsDone")),
            "$.transitions[6].when[0].guard", "unknown guard 'allActionsDone'");

    [Fact]
    public void RejectsAnUnknownActivity() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d.State("Completed")["onEntry"]![1]!["activity"] = "sendEmail")),
            "$.states[3].onEntry[1].activity", "unknown activity 'sendEmail'");

    [Fact]
    public void RejectsAGuardWithoutARequiredParameter() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["transitions"]![0]!["when"]![1]!["with"]!.AsObject().Remove("pointsApart"))),
            "$.transitions[0].when[1].with.pointsApart", "'pointsApart' is required");

    [Fact]
    public void RejectsAnActivityWithoutARequiredParameter() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d.State("ActionsOpen")["onEntry"]![1]!.AsObject().Remove("with"))),
            "$.states[2].onEntry[1].with.dueInDays", "'dueInDays' is required");

    [Fact]
    public void RejectsAParameterOutOfRange() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d.State("ActionsOpen")["onEntry"]![1]!["with"]!["dueInDays"] = 0)),
            "$.states[2].onEntry[1].with.dueInDays", "between 1 and 365");

    [Fact]
    public void RejectsAGradeParameterThatIsNotAGrade() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["transitions"]![0]!["when"]![1]!["with"]!["forcingGrade"] = "Poor")),
            "$.transitions[0].when[1].with.forcingGrade", "must be one of");

    [Fact]
    public void RejectsAnUnknownParameter() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["transitions"]![2]!["when"]![0]!["with"] = JsonNode.Parse("""{ "strict": true }"""))),
            "$.transitions[2].when[0].with.strict", "takes no parameters");

    [Fact]
    public void RejectsAnUnknownProperty() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["transitons"] = new JsonArray())), "$.transitons", "unknown property");

    [Fact]
    public void RejectsAStateDefinedTwice() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["states"]!.AsArray().Add(JsonNode.Parse("""{ "name": "Moderation" }""")))),
            "$.states[5].name", "defined twice");

    [Fact]
    public void RejectsAnUnreachableState() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["states"]!.AsArray().Add(JsonNode.Parse("""{ "name": "Archived", "final": true }""")))),
            "$.states[5]", "cannot be reached");

    [Fact]
    public void RejectsANonFinalStateWithNoWayOut()
    {
        var errors = ErrorsOf(CaseFileAuditWith(d =>
        {
            var transitions = d["transitions"]!.AsArray();
            transitions.RemoveAt(10);
            transitions.RemoveAt(6);
        }));

        ShouldReport(errors, "$.states[2]", "no transition to another state");
    }

    [Fact]
    public void RejectsATransitionOutOfAFinalState() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["transitions"]!.AsArray().Add(JsonNode.Parse("""{ "from": "Completed", "trigger": "cancel", "to": "Cancelled" }""")))),
            "$.transitions[11].from", "'Completed' is final");

    [Fact]
    public void RejectsATransitionHiddenBehindAnUnguardedOne() =>
        ShouldReport(ErrorsOf(CaseFileAuditWith(d => d["transitions"]![4]!.AsObject().Remove("when"))),
            "$.transitions[5]", "can never be taken");

    [Fact]
    public void ReportsEveryErrorInADefinitionAtOnce()
    {
        var errors = ErrorsOf(CaseFileAuditWith(d =>
        {
            d["initialState"] = "Nowhere";
            d["transitions"]![0]!["when"]![0]!["guard"] = "everyoneHappy";
            d["triggers"]![0]!["roles"]!.AsArray().Add("Judge");
        }));

        errors.Select(e => e.Path).ShouldBe(["$.triggers[0].roles[2]", "$.transitions[0].when[0].guard", "$.initialState"], ignoreOrder: true);
    }

    [Fact]
    public void TheMessageListsEveryError()
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => WorkflowLoader.Parse(CaseFileAuditWith(d =>
        {
            d["initialState"] = "Nowhere";
            d["version"] = 0;
        }), "case-file-audit.json"));

        exception.Message.ShouldContain("case-file-audit.json: $.initialState: unknown state 'Nowhere'");
        exception.Message.ShouldContain("case-file-audit.json: $.version:");
    }
}
