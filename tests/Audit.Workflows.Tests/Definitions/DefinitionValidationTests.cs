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
        var error = errors.ShouldHaveSingleItem(string.Join(Environment.NewLine, errors));
        error.Source.ShouldBe(BaselineFile);
        error.Path.ShouldBe(path);
        error.Problem.ShouldContain(problemPart);
    }

    [Fact]
    public void AcceptsTheBaselineDefinition()
    {
        var definition = WorkflowLoader.Parse(Baseline, BaselineFile);

        definition.Name.ShouldBe("case-file-audit");
        definition.Version.ShouldBe(1);
        definition.Title.ShouldBe("Case-file audit");
        definition.Source.ShouldBe(BaselineFile);
        definition.States.Select(s => s.Name).ShouldBe(["Grading", "Moderation", "ActionsOpen", "Completed", "Cancelled"]);
        definition.Triggers.Select(t => t.Name).ShouldBe(["submitGrading", "moderate", "closeAction", "cancel"]);
        definition.Transitions.Count.ShouldBe(11);
        definition.ContentHash.ShouldMatch("^[0-9a-f]{64}$");
    }

    [Fact]
    public void RejectsJsonThatEndsTooSoon()
    {
        var error = ErrorsOf(Fixture("not-json.json"), "not-json.json").ShouldHaveSingleItem();

        error.Source.ShouldBe("not-json.json");
        error.Path.ShouldBe("$.states");
        error.Problem.ShouldStartWith("not valid JSON at line 5");
    }

    [Fact]
    public void RejectsATrailingCommaNamingTheLineAndPath()
    {
        var error = ErrorsOf(Fixture("trailing-comma.json"), "trailing-comma.json").ShouldHaveSingleItem();

        error.Source.ShouldBe("trailing-comma.json");
        error.Path.ShouldBe("$.states[1]");
        error.Problem.ShouldStartWith("not valid JSON at line 8, position 3:");
    }

    [Fact]
    public void RejectsAPropertyGivenTwice()
    {
        var json = Baseline.Replace("\"initialState\": \"Grading\",", "\"initialState\": \"Grading\",\n  \"initialState\": \"Moderation\",", StringComparison.Ordinal);

        ShouldReport(ErrorsOf(json), "$.initialState", "line 8, position 3: the property 'initialState' appears twice");
    }

    [Fact]
    public void RejectsADefinitionThatIsNotAnObject() =>
        ShouldReport(ErrorsOf("[]"), "$", "must be a JSON object");

    [Theory]
    [InlineData("name", null, "$.name", "'name' is required")]
    [InlineData("name", "5", "$.name", "'name' must be a non-empty string")]
    [InlineData("version", null, "$.version", "'version' is required")]
    [InlineData("version", "0", "$.version", "whole number of at least 1")]
    [InlineData("version", "\"1\"", "$.version", "whole number of at least 1")]
    [InlineData("version", "1.5", "$.version", "whole number of at least 1")]
    [InlineData("initialState", null, "$.initialState", "'initialState' is required")]
    [InlineData("initialState", "[]", "$.initialState", "'initialState' must be a non-empty string")]
    [InlineData("states", null, "$.states", "'states' is required")]
    [InlineData("states", "[]", "$.states", "'states' must not be empty")]
    [InlineData("states", "{}", "$.states", "'states' must be an array")]
    [InlineData("triggers", null, "$.triggers", "'triggers' is required")]
    [InlineData("triggers", "\"cancel\"", "$.triggers", "'triggers' must be an array")]
    [InlineData("transitions", null, "$.transitions", "'transitions' is required")]
    [InlineData("transitions", "{}", "$.transitions", "'transitions' must be an array")]
    [InlineData("states[1]", "\"Moderation\"", "$.states[1]", "A state must be a JSON object")]
    [InlineData("states[1].name", null, "$.states[1].name", "'name' is required")]
    [InlineData("states[1].name", "\"\"", "$.states[1].name", "'name' must be a non-empty string")]
    [InlineData("states[1].final", "\"no\"", "$.states[1].final", "'final' must be true or false")]
    [InlineData("states[2].onEntry", "{}", "$.states[2].onEntry", "'onEntry' must be an array")]
    [InlineData("states[2].onEntry[0].activity", null, "$.states[2].onEntry[0].activity", "'activity' is required")]
    [InlineData("states[2].onEntry[1].with", "28", "$.states[2].onEntry[1].with", "'with' must be a JSON object")]
    [InlineData("triggers[1].name", null, "$.triggers[1].name", "'name' is required")]
    [InlineData("triggers[1].roles", null, "$.triggers[1].roles", "'roles' is required")]
    [InlineData("triggers[1].roles", "[]", "$.triggers[1].roles", "'roles' must not be empty")]
    [InlineData("triggers[1].roles", "\"PrincipalSocialWorker\"", "$.triggers[1].roles", "'roles' must be an array")]
    [InlineData("transitions[4].from", null, "$.transitions[4].from", "'from' is required")]
    [InlineData("transitions[4].trigger", "7", "$.transitions[4].trigger", "'trigger' must be a non-empty string")]
    [InlineData("transitions[4].to", null, "$.transitions[4].to", "'to' is required")]
    [InlineData("transitions[4].when", "{}", "$.transitions[4].when", "'when' must be an array")]
    [InlineData("transitions[4].when[0].guard", null, "$.transitions[4].when[0].guard", "'guard' is required")]
    public void RejectsAMissingOrWrongTypedRequiredProperty(string property, string? json, string path, string problem)
    {
        var errors = ErrorsOf(BaselineWith(property, json));

        errors.ShouldContain(e => e.Source == BaselineFile && e.Path == path && e.Problem.Contains(problem, StringComparison.Ordinal),
            string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void ReportsAMissingStateListOnceRatherThanAgainForEveryTransition() =>
        ShouldReport(ErrorsOf(BaselineWith("states", null)), "$.states", "'states' is required");

    [Fact]
    public void RejectsANameThatIsNotKebabCase() =>
        ShouldReport(ErrorsOf(BaselineWith("name", "\"Case File Audit\"")), "$.name", "lower-case words joined by hyphens");

    [Fact]
    public void RejectsAnUnknownInitialState() =>
        ShouldReport(ErrorsOf(BaselineWith("initialState", "\"Drafting\"")), "$.initialState", "unknown state 'Drafting'");

    [Fact]
    public void RejectsAStateDefinedTwice() =>
        ShouldReport(ErrorsOf(BaselineWith(d => d["states"]!.AsArray().Add(JsonNode.Parse("""{ "name": "Moderation" }""")))),
            "$.states[5].name", "the state 'Moderation' is defined twice");

    [Fact]
    public void RejectsATriggerDeclaredTwice() =>
        ShouldReport(ErrorsOf(BaselineWith(d => d["triggers"]!.AsArray().Add(JsonNode.Parse("""{ "name": "cancel", "roles": ["ServiceManager"] }""")))),
            "$.triggers[4].name", "the trigger 'cancel' is declared twice");

    [Fact]
    public void RejectsATriggerTheServiceDoesNotKnow() =>
        ShouldReport(ErrorsOf(BaselineWith(d => d["triggers"]!.AsArray().Add(JsonNode.Parse("""{ "name": "approve", "roles": ["Auditor"] }""")))),
            "$.triggers[4].name", "unknown trigger 'approve'");

    [Fact]
    public void RejectsAnUnknownRole() =>
        ShouldReport(ErrorsOf(BaselineWith(d => d["triggers"]![1]!["roles"]!.AsArray().Add("Inspector"))), "$.triggers[1].roles[1]", "unknown role 'Inspector'; the roles are PrincipalSocialWorker, Auditor, YoungAssessor, TeamManager, ServiceManager, Practitioner.");

    [Fact]
    public void RejectsARoleListedTwice() =>
        ShouldReport(ErrorsOf(BaselineWith(d => d["triggers"]![1]!["roles"]!.AsArray().Add("PrincipalSocialWorker"))),
            "$.triggers[1].roles[1]", "the role 'PrincipalSocialWorker' is listed twice");

    [Fact]
    public void RejectsATransitionToAnUnknownState() =>
        ShouldReport(ErrorsOf(BaselineWith("transitions[1].to", "\"Moderaton\"")), "$.transitions[1].to", "unknown state 'Moderaton'");

    [Fact]
    public void RejectsATransitionFromAnUnknownState() =>
        ShouldReport(ErrorsOf(BaselineWith("transitions[8].from", "\"Gradingg\"")), "$.transitions[8].from", "unknown state 'Gradingg'");

    [Fact]
    public void RejectsATransitionOnATriggerNotDeclared()
    {
        var errors = ErrorsOf(BaselineWith("triggers[3]", null));

        errors.Select(e => e.Path).ShouldBe(["$.transitions[8].trigger", "$.transitions[9].trigger", "$.transitions[10].trigger"]);
        errors.ShouldAllBe(e => e.Source == BaselineFile && e.Problem.Contains("the trigger 'cancel' is not declared in 'triggers'"));
    }

    [Fact]
    public void RejectsATransitionOutOfAFinalState() =>
        ShouldReport(ErrorsOf(BaselineWith(d => d["transitions"]!.AsArray().Add(JsonNode.Parse("""{ "from": "Completed", "trigger": "cancel", "to": "Cancelled" }""")))),
            "$.transitions[11].from", "'Completed' is final: nothing leaves a final state");

    [Fact]
    public void RejectsAnUnknownGuard() =>
        ShouldReport(ErrorsOf(BaselineWith("transitions[6].when[0].guard", "\"allActionsDone\"")),
            "$.transitions[6].when[0].guard", "unknown guard 'allActionsDone'");

    [Fact]
    public void RejectsAnUnknownActivity() =>
        ShouldReport(ErrorsOf(BaselineWith("states[3].onEntry[1].activity", "\"sendEmail\"")),
            "$.states[3].onEntry[1].activity", "unknown activity 'sendEmail'");

    [Fact]
    public void RejectsAGuardWithoutARequiredParameter() =>
        ShouldReport(ErrorsOf(BaselineWith("transitions[0].when[1].with.pointsApart", null)),
            "$.transitions[0].when[1].with.pointsApart", "the parameter 'pointsApart' is required");

    [Fact]
    public void RejectsAnActivityWithoutARequiredParameter() =>
        ShouldReport(ErrorsOf(BaselineWith("states[2].onEntry[1].with", null)),
            "$.states[2].onEntry[1].with.dueInDays", "the parameter 'dueInDays' is required");

    [Theory]
    [InlineData("0", "'dueInDays' must be between 1 and 365; it is 0")]
    [InlineData("366", "'dueInDays' must be between 1 and 365; it is 366")]
    [InlineData("\"28\"", "'dueInDays' must be a whole number; it is \"28\"")]
    [InlineData("2.5", "'dueInDays' must be a whole number; it is 2.5")]
    public void RejectsADueInDaysThatIsNotAWholeNumberOfDaysInAYear(string dueInDays, string problem) =>
        ShouldReport(ErrorsOf(BaselineWith("states[2].onEntry[1].with.dueInDays", dueInDays)), "$.states[2].onEntry[1].with.dueInDays", problem);

    [Theory]
    [InlineData("0", "'pointsApart' must be at least 1; it is 0")]
    [InlineData("true", "'pointsApart' must be a whole number; it is true")]
    public void RejectsAPointsApartThatIsNotAPositiveWholeNumber(string pointsApart, string problem) =>
        ShouldReport(ErrorsOf(BaselineWith("transitions[0].when[1].with.pointsApart", pointsApart)), "$.transitions[0].when[1].with.pointsApart", problem);

    [Theory]
    [InlineData("\"Poor\"")]
    [InlineData("\"inadequate\"")]
    [InlineData("\"1\"")]
    [InlineData("1")]
    [InlineData("\"Inadequate, Good\"")]
    public void RejectsAGradeParameterThatIsNotAGradeName(string forcingGrade) =>
        ShouldReport(ErrorsOf(BaselineWith("transitions[0].when[1].with.forcingGrade", forcingGrade)),
            "$.transitions[0].when[1].with.forcingGrade", "'forcingGrade' must be one of Inadequate, RequiresImprovement, Good, Outstanding");

    [Fact]
    public void RejectsAParameterOfAGuardThatTakesNone() =>
        ShouldReport(ErrorsOf(BaselineWith("transitions[2].when[0].with", """{ "strict": true }""")),
            "$.transitions[2].when[0].with.strict", "unknown parameter 'strict': this takes no parameters");

    [Fact]
    public void RejectsAnUnknownParameterBesideTheExpectedOnes() =>
        ShouldReport(ErrorsOf(BaselineWith("states[2].onEntry[1].with.dueInWeeks", "4")),
            "$.states[2].onEntry[1].with.dueInWeeks", "unknown parameter 'dueInWeeks'; expected dueInDays");

    [Fact]
    public void RejectsAnUnknownProperty() =>
        ShouldReport(ErrorsOf(BaselineWith("transitons", "[]")), "$.transitons", "unknown property 'transitons'");

    [Fact]
    public void RejectsAnUnreachableState() =>
        ShouldReport(ErrorsOf(BaselineWith(d => d["states"]!.AsArray().Add(JsonNode.Parse("""{ "name": "Archived", "final": true }""")))),
            "$.states[5]", "the state 'Archived' cannot be reached from the initial state 'Grading'");

    [Fact]
    public void RejectsANonFinalStateWithNoWayOut()
    {
        // Without ActionsOpen's way to Completed and its cancel, an audit with open actions could only stay there.
        var errors = ErrorsOf(BaselineWith(d =>
        {
            var transitions = d["transitions"]!.AsArray();
            transitions.RemoveAt(10);
            transitions.RemoveAt(6);
        }));

        ShouldReport(errors, "$.states[2]", "the state 'ActionsOpen' is not final and has no transition to another state");
    }

    [Fact]
    public void RejectsATransitionHiddenBehindAnUnguardedOne() =>
        ShouldReport(ErrorsOf(BaselineWith("transitions[4].when", null)),
            "$.transitions[5]", "this transition can never be taken: the earlier transition $.transitions[4] for 'Moderation' on 'moderate' has no guards");

    [Fact]
    public void ReportsEveryErrorInADefinitionAtOnce()
    {
        var errors = ErrorsOf(BaselineWith(d =>
        {
            d["initialState"] = "Nowhere";
            d["transitions"]![0]!["when"]![0]!["guard"] = "everyoneHappy";
            d["triggers"]![0]!["roles"]!.AsArray().Add("Judge");
            d.State("ActionsOpen")["onEntry"]![1]!["with"]!["dueInDays"] = 0;
        }));

        errors.Select(e => e.Path).ShouldBe(
            ["$.states[2].onEntry[1].with.dueInDays", "$.triggers[0].roles[2]", "$.transitions[0].when[0].guard", "$.initialState"],
            ignoreOrder: true);
    }

    [Fact]
    public void TheMessageListsEveryErrorOnePerLine()
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => WorkflowLoader.Parse(BaselineWith(d =>
        {
            d["initialState"] = "Nowhere";
            d["version"] = 0;
        }), BaselineFile));

        var lines = exception.Message.Split(Environment.NewLine);
        lines.ShouldContain(l => l.Trim() == "case-file-audit.json: $.version: 'version' must be a whole number of at least 1.");
        lines.ShouldContain(l => l.Trim().StartsWith("case-file-audit.json: $.initialState: unknown state 'Nowhere'", StringComparison.Ordinal));
        exception.Errors.Select(e => e.ToString()).ShouldAllBe(e => exception.Message.Contains(e));
    }
}
