using Audit.Domain.Grading;
using Audit.Domain.Notifications;
using Audit.Workflows.Catalogue;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;
using Audit.Workflows.Tests.Support;
using static Audit.Domain.Grading.Grade;

namespace Audit.Workflows.Tests.Runtime;

/// <summary>Every path through workflows/case-file-audit.json, with the effects each yields.</summary>
public sealed class CaseFileAuditPathTests
{
    private static readonly WorkflowDefinition Definition = WorkflowLoader.Parse(Repository.CaseFileAuditJson, Path.Combine(Repository.WorkflowsFolder, "case-file-audit.json"));

    private static readonly Notify ActionsRaisedNotice =
        new("TeamManager", NotificationKind.ActionRaised, "An audit of one of your team's case files has raised follow-up actions for you.");

    private static Transitioned Fire(string state, string trigger, Actor actor, AuditFacts facts) =>
        WorkflowRuntime.Fire(Definition, state, trigger, actor, facts).ShouldBeOfType<Transitioned>();

    [Fact]
    public void ANewAuditStartsInGradingWithNothingToDo()
    {
        var started = WorkflowRuntime.Start(Definition);

        started.State.ShouldBe("Grading");
        started.Effects.ShouldBeEmpty();
    }

    [Fact]
    public void StaysInGradingUntilEveryGradingIsIn()
    {
        var result = Fire("Grading", Triggers.SubmitGrading, Facts.Auditor, Facts.Waiting);

        result.To.ShouldBe("Grading");
        result.StateChanged.ShouldBeFalse();
        result.Effects.ShouldBeEmpty();
    }

    [Fact]
    public void AnInadequateGradeGoesToModeration()
    {
        var result = Fire("Grading", Triggers.SubmitGrading, Facts.YoungAssessor, Facts.AllIn([Good, Good], [Inadequate, RequiresImprovement]).BelowTarget());

        result.To.ShouldBe("Moderation");
        result.Effects.ShouldBe([new Notify("PrincipalSocialWorker", NotificationKind.ModerationNeeded, "An audit is waiting for your moderation.")]);
    }

    [Fact]
    public void GradersTwoPointsApartGoToModeration()
    {
        var result = Fire("Grading", Triggers.SubmitGrading, Facts.Auditor, Facts.AllIn([Outstanding, RequiresImprovement]));

        result.To.ShouldBe("Moderation");
    }

    [Fact]
    public void GradersOnePointApartWithNoneBelowTargetComplete()
    {
        var result = Fire("Grading", Triggers.SubmitGrading, Facts.Auditor, Facts.AllIn([Outstanding, Good], [Good, Good]));

        result.To.ShouldBe("Completed");
        result.Effects.ShouldBe([new FinaliseGrades(), new MarkCompleted()]);
    }

    [Fact]
    public void AGradeBelowTargetWithoutModerationOpensActionsDueIn28Days()
    {
        var result = Fire("Grading", Triggers.SubmitGrading, Facts.Auditor, Facts.AllIn([Good, RequiresImprovement]).BelowTarget());

        result.To.ShouldBe("ActionsOpen");
        result.Effects.ShouldBe([new FinaliseGrades(), new RaiseFollowUpActions(28), ActionsRaisedNotice]);
    }

    [Fact]
    public void ModerationWithAGradeBelowTargetOpensActions()
    {
        var result = Fire("Moderation", Triggers.Moderate, Facts.Psw, Facts.AllIn([Inadequate]).BelowTarget());

        result.To.ShouldBe("ActionsOpen");
        result.Effects.ShouldBe([new FinaliseGrades(), new RaiseFollowUpActions(28), ActionsRaisedNotice]);
    }

    [Fact]
    public void ModerationWithEveryGradeOnTargetCompletes()
    {
        var result = Fire("Moderation", Triggers.Moderate, Facts.Psw, Facts.AllIn([Inadequate]));

        result.To.ShouldBe("Completed");
    }

    [Fact]
    public void ClosingAnActionWhileOthersAreOpenStays()
    {
        var result = Fire("ActionsOpen", Triggers.CloseAction, Facts.TeamManager, Facts.AllIn([Good]).BelowTarget());

        result.To.ShouldBe("ActionsOpen");
        result.StateChanged.ShouldBeFalse();
        result.Effects.ShouldBeEmpty();
    }

    [Fact]
    public void ClosingTheLastActionCompletes()
    {
        var result = Fire("ActionsOpen", Triggers.CloseAction, Facts.TeamManager, Facts.AllIn([Good]).BelowTarget().ActionsClosed());

        result.To.ShouldBe("Completed");
        result.Effects.ShouldBe([new FinaliseGrades(), new MarkCompleted()]);
    }

    [Theory]
    [InlineData("Grading")]
    [InlineData("Moderation")]
    [InlineData("ActionsOpen")]
    public void ThePswCanCancelAnOpenAudit(string state)
    {
        var result = Fire(state, Triggers.Cancel, Facts.Psw, Facts.Waiting);

        result.To.ShouldBe("Cancelled");
        result.Effects.ShouldBe([new CancelOpenActions()]);
    }

    [Fact]
    public void RefusesATriggerToSomeoneWithoutItsRole()
    {
        var result = WorkflowRuntime.Fire(Definition, "Moderation", Triggers.Moderate, Facts.Auditor, Facts.AllIn([Inadequate]));

        var forbidden = result.ShouldBeOfType<TriggerForbidden>();
        forbidden.AllowedRoles.ShouldBe(["PrincipalSocialWorker"]);
    }

    [Fact]
    public void RefusesATriggerThatDoesNotFitTheStateNamingWhatIsPermitted()
    {
        var result = WorkflowRuntime.Fire(Definition, "Grading", Triggers.Moderate, Facts.Psw, Facts.Waiting);

        var refused = result.ShouldBeOfType<TriggerNotPermitted>();
        refused.State.ShouldBe("Grading");
        refused.PermittedTriggers.ShouldBe(["cancel"]);
    }

    [Theory]
    [InlineData("Completed")]
    [InlineData("Cancelled")]
    public void NothingFiresInAFinalState(string state)
    {
        foreach (var actor in new[] { Facts.Psw, Facts.Auditor, Facts.TeamManager })
        {
            WorkflowRuntime.PermittedTriggers(Definition, state, actor, Facts.AllIn([Good])).ShouldBeEmpty();
        }

        WorkflowRuntime.Fire(Definition, state, Triggers.Cancel, Facts.Psw, Facts.Waiting).ShouldBeOfType<TriggerNotPermitted>();
    }

    [Fact]
    public void PermittedTriggersDependOnTheRole()
    {
        WorkflowRuntime.PermittedTriggers(Definition, "Grading", Facts.Auditor, Facts.Waiting).ShouldBe(["submitGrading"]);
        WorkflowRuntime.PermittedTriggers(Definition, "Grading", Facts.Psw, Facts.Waiting).ShouldBe(["cancel"]);
        WorkflowRuntime.PermittedTriggers(Definition, "Moderation", Facts.Psw, Facts.Waiting).ShouldBe(["moderate", "cancel"]);
        WorkflowRuntime.PermittedTriggers(Definition, "ActionsOpen", Facts.TeamManager, Facts.Waiting).ShouldBe(["closeAction"]);
        WorkflowRuntime.PermittedTriggers(Definition, "ActionsOpen", Facts.As("PrincipalSocialWorker", "TeamManager"), Facts.Waiting)
            .ShouldBe(["closeAction", "cancel"]);
    }

    [Fact]
    public void AnUnknownCurrentStateIsAProgrammingError()
    {
        Should.Throw<ArgumentException>(() => WorkflowRuntime.Fire(Definition, "Limbo", Triggers.Cancel, Facts.Psw, Facts.Waiting));
    }

    [Fact]
    public void TheDiagramNamesEveryStateAndTransition()
    {
        var mermaid = MermaidDiagram.Render(Definition);
        var lines = mermaid.Split('\n').Select(l => l.Trim()).ToList();

        lines[0].ShouldBe("stateDiagram-v2");
        lines[1].ShouldBe("[*] --> Grading");
        foreach (var state in Definition.States)
        {
            mermaid.ShouldContain(state.Name);
        }

        foreach (var t in Definition.Transitions)
        {
            lines.ShouldContain(l => l.StartsWith($"{t.From} --> {t.To} : {t.Trigger}", StringComparison.Ordinal), $"{t.From} --> {t.To} on {t.Trigger}");
        }

        lines.ShouldContain("Grading --> Moderation : submitGrading [allGradingsIn, needsModeration(forcingGrade=Inadequate, pointsApart=2)]");
        lines.ShouldContain("Grading --> Grading : submitGrading [otherwise]");
        lines.ShouldContain("Grading --> Cancelled : cancel");
        lines.ShouldContain("Completed --> [*]");
        lines.ShouldContain("Cancelled --> [*]");
    }

    [Fact]
    public void NeedsModerationLooksAtEveryCriterion()
    {
        var guard = WorkflowCatalogue.Guards["needsModeration"].Bind(new Parameters(new Dictionary<string, System.Text.Json.JsonElement>
        {
            ["forcingGrade"] = System.Text.Json.JsonDocument.Parse("\"RequiresImprovement\"").RootElement,
            ["pointsApart"] = System.Text.Json.JsonDocument.Parse("3").RootElement,
        }));

        guard(Facts.AllIn([Good, Good], [Good, Outstanding])).ShouldBeFalse();
        guard(Facts.AllIn([Good, Good], [Good, RequiresImprovement])).ShouldBeTrue();
        guard(Facts.AllIn([Outstanding, Good], [Outstanding, Outstanding])).ShouldBeFalse();
        guard(Facts.AllIn([Outstanding], [Good])).ShouldBeFalse();
        guard(Facts.AllIn([Outstanding, Inadequate])).ShouldBeTrue();
    }
}
