using System.Net;
using Audit.Api.Tests.Support;
using Audit.Domain.Grading;
using Audit.Workflows.Catalogue;
using Audit.Workflows.Runtime;

namespace Audit.Api.Tests.Features;

/// <summary>The moderation queue: who waits longest first, why each audit needs moderation (from the guard's own rule), and one audit side by side.</summary>
public sealed class ModerationQueueTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public ModerationQueueTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    /// <summary>Plans audits over the first case files and has both graders grade each as given.</summary>
    private async Task<IReadOnlyList<Guid>> GradedAsync(IReadOnlyList<Guid> criteria, params (object Auditor, object YoungAssessor)[] gradings)
    {
        var audits = await _scenario.PlanRoundAsync(gradings.Length);
        for (var i = 0; i < gradings.Length; i++)
        {
            _factory.Clock.Advance(TimeSpan.FromHours(1));
            await _scenario.Auditor.PostOkAsync($"/api/audits/{audits[i]}/gradings", gradings[i].Auditor);
            await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{audits[i]}/gradings", gradings[i].YoungAssessor);
        }

        return audits;
    }

    [Fact]
    public async Task TheQueueListsOnlyAuditsWaitingForModerationLongestWaitingFirstWithTheirReasons()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var audits = await GradedAsync(
            criteria,
            (Scenario.Grading(criteria, "Good"), Scenario.Grading(criteria, "Good")),
            (Scenario.Grading(criteria, "Good", (1, "Inadequate")), Scenario.Grading(criteria, "Good", (1, "RequiresImprovement"))),
            (Scenario.Grading(criteria, "Outstanding"), Scenario.Grading(criteria, "Outstanding", (4, "RequiresImprovement"))));

        // The second audit entered moderation before the third; the first needed none.
        var response = await _scenario.Psw.GetAsync("/api/moderation");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("X-Total-Count").Single().ShouldBe("2");
        var queue = (await Scenario.AsJsonAsync(response)).AsArray();
        queue.Select(q => q.Id("auditId")).ShouldBe([audits[1], audits[2]]);

        var inadequate = queue[0]!.Arr("reasons").Single()!;
        inadequate.Str("kind").ShouldBe("ForcingGrade");
        inadequate.Str("grade").ShouldBe("Inadequate");
        inadequate.Id("criterionId").ShouldBe(criteria[1]);
        inadequate.Str("text").ShouldBe("A grader graded it Inadequate.");

        var apart = queue[1]!.Arr("reasons").Single()!;
        apart.Str("kind").ShouldBe("PointsApart");
        apart["pointsApart"]!.GetValue<int>().ShouldBe(2);
        apart.Id("criterionId").ShouldBe(criteria[4]);
        apart.Str("text").ShouldBe("The graders are 2 points apart.");
        queue[1].Str("reference").ShouldStartWith("CF-");
    }

    [Fact]
    public async Task TheQueueIsPagedAndAModeratedAuditLeavesIt()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var inadequate = (Scenario.Grading(criteria, "Good", (0, "Inadequate")), Scenario.Grading(criteria, "Good"));
        var audits = await GradedAsync(criteria, inadequate, inadequate);

        var firstPage = await _scenario.Psw.GetAsync("/api/moderation?take=1");
        firstPage.Headers.GetValues("X-Total-Count").Single().ShouldBe("2");
        (await Scenario.AsJsonAsync(firstPage)).AsArray().Single()!.Id("auditId").ShouldBe(audits[0]);
        (await Scenario.AsJsonAsync(await _scenario.Psw.GetAsync("/api/moderation?skip=1&take=1"))).AsArray().Single()!.Id("auditId").ShouldBe(audits[1]);

        await _scenario.Psw.PostOkAsync($"/api/audits/{audits[0]}/moderation", new
        {
            grades = new[] { new { criterionId = criteria[0], grade = "RequiresImprovement", reason = "The record shows some of the child's words." } },
        });

        (await _scenario.Psw.GetOkAsync("/api/moderation")).AsArray().Select(q => q.Id("auditId")).ShouldBe([audits[1]]);
        (await _scenario.Psw.GetOkAsync($"/api/moderation/{audits[0]}"))["waiting"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task TheDetailPutsBothGradersGradesAndEvidenceSideBySideWithTheReasonInWords()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var audit = (await GradedAsync(
            criteria,
            (Scenario.Grading(criteria, "Good", (2, "Inadequate")), Scenario.Grading(criteria, "Outstanding", (2, "Good")))))[0];

        var detail = await _scenario.Psw.GetOkAsync($"/api/moderation/{audit}");

        detail["waiting"]!.GetValue<bool>().ShouldBeTrue();
        detail.Str("state").ShouldBe("Moderation");
        var third = detail.Arr("criteria")[2]!;
        third.Id("criterionId").ShouldBe(criteria[2]);
        third.Arr("grades").Select(g => $"{g.Str("role")} {g.Str("grader")} {g.Str("grade")}")
            .ShouldBe([$"Auditor {DemoUsers.Auditor} Inadequate", $"YoungAssessor {DemoUsers.YoungAssessor} Good"]);
        third.Arr("grades")[0].Str("evidence").ShouldBe("Evidence for criterion 3 found in the review record.");
        third.Arr("reasons").Select(r => r.Str("kind")).ShouldBe(["ForcingGrade", "PointsApart"]);
        detail.Arr("criteria")[0]!.Arr("reasons").ShouldBeEmpty();
        detail.Str("reasonText").ShouldContain("a grader graded it Inadequate.");
        detail.Str("reasonText").ShouldContain("the graders are 2 points apart.");
    }

    [Fact]
    public async Task NobodyButThePrincipalSocialWorkerSeesTheQueue()
    {
        foreach (var client in new[] { _scenario.Auditor, _scenario.YoungAssessor })
        {
            (await client.GetAsync("/api/moderation")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await _scenario.Psw.GetAsync($"/api/moderation/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(new[] { Grade.Good, Grade.Good }, false)]
    [InlineData(new[] { Grade.Good, Grade.Inadequate }, true)]
    [InlineData(new[] { Grade.Outstanding, Grade.RequiresImprovement }, true)]
    [InlineData(new[] { Grade.Outstanding, Grade.Good }, false)]
    public void TheGuardAndTheReasonsAreTheSameRule(Grade[] grades, bool needed)
    {
        var definition = Audit.Workflows.Definitions.WorkflowLoader.Parse(
            File.ReadAllText(Path.Combine(RepositoryFiles.WorkflowsFolder(), "case-file-audit.json")), "case-file-audit.json");
        var rule = NeedsModeration.RuleInto(definition, "Moderation")!;
        var guardReference = definition.Transitions.SelectMany(t => t.When).First(g => g.Name == "needsModeration");
        var guard = new NeedsModeration().Bind(new Parameters(guardReference.With));
        IReadOnlyList<IReadOnlyList<Grade>> byCriterion = [grades];

        guard(new AuditFacts(true, byCriterion, false, true)).ShouldBe(needed);
        (rule.ReasonsFor(byCriterion).Count > 0).ShouldBe(needed);
        rule.ShouldBe(new ModerationRule(Grade.Inadequate, 2));
    }
}
