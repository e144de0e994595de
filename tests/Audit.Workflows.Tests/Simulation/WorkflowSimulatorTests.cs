using Audit.Domain.Grading;
using Audit.Workflows.Definitions;
using Audit.Workflows.Simulation;
using Audit.Workflows.Tests.Support;
using static Audit.Domain.Grading.Grade;

namespace Audit.Workflows.Tests.Simulation;

public sealed class WorkflowSimulatorTests
{
    private static WorkflowDefinition Baseline => WorkflowLoader.Parse(Repository.CaseFileAuditJson, "case-file-audit.json");

    private static ScenarioGrading Grading(GraderRole role, params Grade[] grades) =>
        new(role, grades.Select((g, i) => (g, i)).ToDictionary(x => x.i, x => x.g), grades.Min());

    private static string Path(SimulationResult result) => string.Join(" > ", result.Steps.Select(s => $"{s.From}-{s.Trigger}->{s.To}"));

    [Fact]
    public void GradesAtOrAboveTargetCompleteTheAuditAtOnce()
    {
        var result = WorkflowSimulator.Run(Baseline, new Scenario([Grading(GraderRole.Auditor, Good, Good), Grading(GraderRole.YoungAssessor, Good, Outstanding)]));

        Path(result).ShouldBe("-start->Grading > Grading-submitGrading->Grading > Grading-submitGrading->Completed");
        result.FinalState.ShouldBe("Completed");
        result.Steps[2].Guards.ShouldBe("allGradingsIn");
        result.Steps[2].Actions.ShouldBe(["Grades made final: criterion 1 good, criterion 2 good.", "Audit marked completed."]);
        result.Notes.ShouldBeEmpty();
    }

    [Fact]
    public void SetsTheGradingTimerOnTheDayItWouldFire()
    {
        var result = WorkflowSimulator.Run(Baseline, new Scenario([Grading(GraderRole.Auditor, Good)], RoundDueInDays: 20));

        var timer = result.Steps[0].Timers.ShouldHaveSingleItem();
        timer.ShouldBe(new SimulatedTimer("remindGraders", "Grading", 15, "5 days before the round is due"));
    }

    [Fact]
    public void AGradeBelowTargetRaisesActionsThatEscalateWhenLeftOpen()
    {
        var result = WorkflowSimulator.Run(Baseline, new Scenario([Grading(GraderRole.Auditor, RequiresImprovement, Good)], CloseActions: 0));

        result.FinalState.ShouldBe("ActionsOpen");
        var raised = result.Steps[1];
        raised.To.ShouldBe("ActionsOpen");
        raised.Actions.ShouldContain("1 follow-up action raised for the team manager (criteria 1), due on day 28.");
        raised.Notifications.ShouldHaveSingleItem().To.ShouldBe("TeamManager");
        raised.Timers.Select(t => (t.Name, t.Day)).ShouldBe([("escalateOverdue", 29), ("escalateAgain", 43)]);
        result.Steps.Skip(2).Select(s => (s.Trigger, s.Day)).ShouldBe([("timer:escalateOverdue", 29), ("timer:escalateAgain", 43)]);
        result.Steps[2].Actions.ShouldBe(["1 overdue follow-up action escalated to level 1."]);
        result.Steps[2].Notifications.ShouldHaveSingleItem().To.ShouldBe("ServiceManager");
    }

    [Fact]
    public void AnInadequateGradeWaitsForTheModeratorWhoseGradesCount()
    {
        var scenario = new Scenario(
            [Grading(GraderRole.Auditor, Inadequate, Good), Grading(GraderRole.YoungAssessor, Good, Good)],
            new ScenarioModeration(new Dictionary<int, Grade> { [0] = Good }));

        var result = WorkflowSimulator.Run(Baseline, scenario);

        Path(result).ShouldEndWith("Grading-submitGrading->Moderation > Moderation-moderate->Completed");
        result.Steps[2].Notifications.ShouldHaveSingleItem().To.ShouldBe("PrincipalSocialWorker");
        result.Steps[3].Guards.ShouldBe("otherwise");
        result.Steps[3].Actions[0].ShouldBe("Grades made final: criterion 1 good, criterion 2 good.");
    }

    [Fact]
    public void ClosingTheActionsOneAtATimeCompletesTheAuditAfterTheLast()
    {
        var result = WorkflowSimulator.Run(Baseline, new Scenario([Grading(GraderRole.Auditor, RequiresImprovement, RequiresImprovement)]));

        Path(result).ShouldEndWith("ActionsOpen-closeAction->ActionsOpen > ActionsOpen-closeAction->Completed");
        result.FinalState.ShouldBe("Completed");
    }

    [Fact]
    public void CancellingInAStateCancelsTheOpenActions()
    {
        var result = WorkflowSimulator.Run(Baseline, new Scenario([Grading(GraderRole.Auditor, RequiresImprovement)], CancelIn: "ActionsOpen"));

        result.FinalState.ShouldBe("Cancelled");
        result.Steps[^1].Actions.ShouldBe(["1 open follow-up action cancelled."]);
    }

    [Fact]
    public void SaysSoWhenADraftLetsNobodyFireATrigger()
    {
        var json = Repository.CaseFileAuditJson.Replace("\"roles\": [\"Auditor\", \"YoungAssessor\"]", "\"roles\": [\"Auditor\"]", StringComparison.Ordinal);

        var result = WorkflowSimulator.Run(WorkflowLoader.Parse(json, "draft.json"), new Scenario([Grading(GraderRole.Auditor, Good), Grading(GraderRole.YoungAssessor, Good)]));

        result.FinalState.ShouldBe("Grading");
        result.Notes.ShouldHaveSingleItem().ShouldBe("The young assessor may not submitGrading: only auditor may, so the audit stays in Grading.");
    }
}
