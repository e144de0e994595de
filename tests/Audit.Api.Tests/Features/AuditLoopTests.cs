using System.Net;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

public sealed class AuditLoopTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public AuditLoopTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AnAuditBelowTargetRaisesAnActionAndCompletesWhenTheTeamManagerClosesIt()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        var mine = await _scenario.Auditor.GetOkAsync("/api/audits?mine=true");
        mine.AsArray().Select(a => a.Id()).ShouldContain(auditId);

        var before = await _scenario.Auditor.GetOkAsync($"/api/audits/{auditId}");
        before.Str("state").ShouldBe("Grading");
        before["workflow"].Str("name").ShouldBe("case-file-audit");
        before.Arr("permittedTriggers").Select(t => t!.GetValue<string>()).ShouldBe(["submitGrading"]);

        var afterAuditor = await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good", (2, "RequiresImprovement")));
        afterAuditor.Str("state").ShouldBe("Grading");
        afterAuditor.Arr("permittedTriggers").ShouldBeEmpty();

        var afterBoth = await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        afterBoth.Str("state").ShouldBe("ActionsOpen");

        var audit = await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}");
        audit.Arr("gradings").Count.ShouldBe(2);
        audit.Arr("finalGrades").Count.ShouldBe(criteria.Count);
        var action = audit.Arr("actions").ShouldHaveSingleItem();
        action.Id("criterionId").ShouldBe(criteria[2]);
        action.Str("dueOn").ShouldBe("2026-11-30");
        action.Str("status").ShouldBe("Open");

        var teamManager = _factory.ClientFor(action.Str("assignee"));
        var actions = await teamManager.GetOkAsync("/api/actions?mine=true");
        actions.AsArray().Select(a => a.Id()).ShouldContain(action.Id());

        var closed = await teamManager.PostOkAsync($"/api/actions/{action.Id()}/close", new { whatChanged = "The child now meets their worker after school, as they asked." });
        closed.Str("status").ShouldBe("Closed");
        closed.Str("closedBy").ShouldBe(teamManager.UserName);

        var completed = await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}");
        completed.Str("state").ShouldBe("Completed");
        completed["completedAt"].ShouldNotBeNull();
        completed.Arr("history").Select(h => $"{h.Str("trigger")}:{h.Str("fromState")}->{h.Str("toState")}").ShouldBe(
        [
            "start:->Grading",
            "submitGrading:Grading->Grading",
            "submitGrading:Grading->ActionsOpen",
            "closeAction:ActionsOpen->Completed",
        ]);
        completed.Arr("history").Select(h => h.Str("by")).ShouldBe([DemoUsers.Psw, DemoUsers.Auditor, DemoUsers.YoungAssessor, teamManager.UserName]);
    }

    [Fact]
    public async Task AnInadequateGradeWaitsForModerationAndTheModeratedGradeIsFinal()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good", (0, "Inadequate")));
        var waiting = await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        waiting.Str("state").ShouldBe("Moderation");

        var forPsw = await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}");
        forPsw.Arr("permittedTriggers").Select(t => t!.GetValue<string>()).ShouldBe(["moderate", "cancel"]);

        var moderated = await _scenario.Psw.PostOkAsync($"/api/audits/{auditId}/moderation", new
        {
            grades = new[] { new { criterionId = criteria[0], grade = "Good", reason = "The review record shows the child's words; the auditor missed the appendix." } },
        });
        moderated.Str("state").ShouldBe("Completed");
        var first = moderated.Arr("finalGrades").Single(f => f.Id("criterionId") == criteria[0]);
        first.Str("grade").ShouldBe("Good");
        first!["moderated"]!.GetValue<bool>().ShouldBeTrue();
        moderated.Arr("actions").ShouldBeEmpty();
    }

    [Fact]
    public async Task GradersTwoPointsApartSendTheAuditToModeration()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Outstanding"));
        var after = await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Outstanding", (4, "RequiresImprovement")));

        after.Str("state").ShouldBe("Moderation");
    }

    [Fact]
    public async Task AnAuditAtOrAboveTargetCompletesWithoutActions()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Outstanding"));
        var done = await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        done.Str("state").ShouldBe("Completed");
        done.Arr("actions").ShouldBeEmpty();
        done.Arr("finalGrades").Select(f => f.Str("grade")).ShouldAllBe(g => g == "Good");
        done.Str("finalOverall").ShouldBe("Good");
    }

    [Fact]
    public async Task TheDashboardCountsFinalGradesByCriterionAndServiceArea()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var template = await _scenario.DudleyTemplateAsync();
        var audits = await _scenario.PlanRoundAsync(count: 2);

        foreach (var (auditId, auditorGrade) in audits.Zip(["Good", "RequiresImprovement"]))
        {
            await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, auditorGrade));
            await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        }

        var dashboard = await _scenario.Psw.GetOkAsync($"/api/dashboard?templateId={template.Id()}");

        dashboard["target"].Str("atLeast").ShouldBe("Good");
        dashboard["target"]!["percent"]!.GetValue<int>().ShouldBe(65);
        dashboard["overall"]!["total"]!.GetValue<int>().ShouldBe(2);
        dashboard["overall"]!["goodOrBetter"]!.GetValue<int>().ShouldBe(1);
        dashboard["overall"]!["percent"]!.GetValue<decimal>().ShouldBe(50m);
        dashboard["overall"]!["ci"]!["low"]!.GetValue<decimal>().ShouldBe(9.5m);
        dashboard["overall"]!["ci"]!["high"]!.GetValue<decimal>().ShouldBe(90.5m);
        dashboard["overall"]!["smallSample"]!.GetValue<bool>().ShouldBeTrue();
        var cells = dashboard.Arr("cells");
        cells.Count.ShouldBe(criteria.Count * 6);
        cells.Sum(c => c!["total"]!.GetValue<int>()).ShouldBe(criteria.Count * 2);
        cells.Sum(c => c!["goodOrBetter"]!.GetValue<int>()).ShouldBe(criteria.Count);
    }
}
