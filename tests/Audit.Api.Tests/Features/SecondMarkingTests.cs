using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Features.RoundPlans;
using Audit.Api.Tests.Support;
using Audit.Domain.Grading;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

/// <summary>
/// Blind second marking: a round's <c>secondMarkingPercent</c> of audits drawn with the round's seed and given to a
/// second auditor from the pool, who grades without seeing anyone's grades, and whose grades feed the agreement report
/// alone.
/// </summary>
public sealed class SecondMarkingTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public SecondMarkingTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private static JsonObject SampledBody(Guid templateId, int percent, int seed) => new()
    {
        ["name"] = "Spring voice audit",
        ["templateId"] = templateId.ToString(),
        ["dueOn"] = "2026-12-18",
        ["sample"] = new JsonObject { ["perTeam"] = 2, ["excludeAuditedWithinMonths"] = 0, ["seed"] = seed },
        ["auditors"] = new JsonArray(DemoUsers.Auditor, DemoUsers.OtherAuditor, "omar.fenwick"),
        ["youngAssessors"] = new JsonArray(DemoUsers.YoungAssessor, DemoUsers.OtherYoungAssessor),
        ["secondMarkingPercent"] = percent,
    };

    /// <summary>Opens a round over the first <paramref name="count"/> case files, every audit second marked; returns the audit ids.</summary>
    private async Task<IReadOnlyList<Guid>> OpenFullySecondMarkedAsync(int count)
    {
        var template = await _scenario.DudleyTemplateAsync();
        var caseFiles = (await _scenario.Psw.GetOkAsync("/api/case-files")).AsArray().Take(count).Select(c => c.Id()).ToList();
        var round = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Second marked audit",
            templateId = template.Id(),
            dueOn = "2026-12-18",
            caseFileIds = caseFiles,
            auditors = new[] { DemoUsers.Auditor, DemoUsers.OtherAuditor },
            youngAssessors = new[] { DemoUsers.YoungAssessor },
            secondMarkingPercent = 100,
        });
        return [.. round.Arr("auditIds").Select(a => Guid.Parse(a!.GetValue<string>()))];
    }

    private static string? GraderIn(JsonNode audit, string role) =>
        audit.Arr("assignments").FirstOrDefault(a => a.Str("role") == role)?.Str("userName");

    private AuditClient Client(string userName) => _factory.ClientFor(userName);

    [Fact]
    public async Task TheSameSeedChoosesTheSameAuditsTheShareRoundedUpAndNeverTheFirstAuditor()
    {
        var template = (await _scenario.DudleyTemplateAsync()).Id();

        var first = await _scenario.Psw.PostOkAsync("/api/rounds/preview", SampledBody(template, 30, 4242));
        var again = await _scenario.Psw.PostOkAsync("/api/rounds/preview", SampledBody(template, 30, 4242));

        var assignments = first.Arr("assignments");
        var chosen = assignments.Where(a => a!["secondAuditor"] is not null).ToList();
        chosen.Count.ShouldBe((int)Math.Ceiling(assignments.Count * 30 / 100.0));
        chosen.ShouldAllBe(a => a.Str("secondAuditor") != a.Str("auditor"));
        first.Arr("assignments").ToJsonString().ShouldBe(again.Arr("assignments").ToJsonString());
        first["secondMarkingPercent"]!.GetValue<int>().ShouldBe(30);

        var opened = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", SampledBody(template, 30, 4242));
        var round = await _scenario.Psw.GetOkAsync($"/api/rounds/{opened.Id()}");
        round["secondMarkingPercent"]!.GetValue<int>().ShouldBe(30);
        var saved = round.Arr("audits").Where(a => a!["secondAuditor"] is not null)
            .Select(a => $"{a.Str("caseFileId")}:{a.Str("secondAuditor")}").Order().ToList();
        saved.ShouldBe(chosen.Select(a => $"{a.Str("caseFileId")}:{a.Str("secondAuditor")}").Order().ToList());
    }

    [Fact]
    public async Task AnotherSeedChoosesOtherwiseAndNoShareChoosesNone()
    {
        var template = (await _scenario.DudleyTemplateAsync()).Id();
        var none = await _scenario.Psw.PostOkAsync("/api/rounds/preview", SampledBody(template, 0, 7));
        none.Arr("assignments").ShouldAllBe(a => a!["secondAuditor"] == null);

        var draws = new HashSet<string>();
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var preview = await _scenario.Psw.PostOkAsync("/api/rounds/preview", SampledBody(template, 30, seed));
            var caseFiles = preview.Arr("caseFiles").Select(c => c.Str("id")).ToHashSet();
            var chosen = preview.Arr("assignments").Where(a => a!["secondAuditor"] is not null).Select(a => a.Str("caseFileId")).Order().ToList();
            chosen.ShouldAllBe(id => caseFiles.Contains(id));
            draws.Add(string.Join(",", chosen));
        }

        draws.Count.ShouldBeGreaterThan(1);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(-1)]
    public async Task AShareOutsideNoneToAllIsRefused(int percent)
    {
        var template = (await _scenario.DudleyTemplateAsync()).Id();
        var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/rounds/preview", SampledBody(template, percent, 1));
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain("secondMarkingPercent");
    }

    [Fact]
    public async Task SecondMarkingWithNoOtherAuditorInThePoolIsRefused()
    {
        var template = (await _scenario.DudleyTemplateAsync()).Id();
        var body = SampledBody(template, 50, 1);
        body["auditors"] = new JsonArray(DemoUsers.Auditor);
        var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/rounds/preview", body);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["secondMarkingPercent"]);
    }

    [Fact]
    public async Task TheSecondAuditorSeesASecondMarkingWithNoOtherGraderGradesModerationOrResult()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var audit = (await OpenFullySecondMarkedAsync(2))[0];
        var asPsw = await _scenario.Psw.GetOkAsync($"/api/audits/{audit}");
        var auditor = Client(GraderIn(asPsw, "Auditor")!);
        var second = Client(GraderIn(asPsw, "SecondAuditor")!);
        second.UserName.ShouldNotBe(auditor.UserName);

        await auditor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good", (0, "Inadequate")));
        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good"));
        await _scenario.Psw.PostOkAsync($"/api/audits/{audit}/moderation", new
        {
            grades = new[] { new { criterionId = criteria[0], grade = "RequiresImprovement", reason = "Some of the child's words are recorded." } },
        });

        var mine = (await second.GetOkAsync("/api/audits?mine=true")).AsArray().Single(a => a.Id() == audit)!;
        mine.Arr("myRoles").Select(r => r!.GetValue<string>()).ShouldBe(["SecondAuditor"]);
        mine["submitted"]!.GetValue<bool>().ShouldBeFalse();

        var view = await second.GetOkAsync($"/api/audits/{audit}");
        view.Arr("gradings").ShouldBeEmpty();
        view.Arr("moderation").ShouldBeEmpty();
        view.Arr("finalGrades").ShouldBeEmpty();
        view["finalOverall"].ShouldBeNull();
        view.Arr("actions").ShouldBeEmpty();
        view.Arr("permittedTriggers").Select(t => t!.GetValue<string>()).ShouldBe(["submitGrading"]);
        view.ToJsonString().ShouldNotContain("Some of the child's words are recorded.");
        view.ToJsonString().ShouldNotContain("Evidence for criterion 1");
    }

    [Fact]
    public async Task SecondMarkingChangesNoStateFinalGradeModerationOrActionAndIsInTheHistory()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var audit = (await OpenFullySecondMarkedAsync(2))[0];
        var asPsw = await _scenario.Psw.GetOkAsync($"/api/audits/{audit}");
        var auditor = Client(GraderIn(asPsw, "Auditor")!);
        var second = Client(GraderIn(asPsw, "SecondAuditor")!);

        // Blind and first: all Inadequate would send the audit to moderation and raise actions, were it counted.
        var afterSecond = await second.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Inadequate"));
        afterSecond.Str("state").ShouldBe("Grading");
        afterSecond.Arr("permittedTriggers").ShouldBeEmpty();
        await second.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good"));

        // The auditor's grading alone does not complete the grading: the second auditor is not the young assessor.
        (await auditor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good"))).Str("state").ShouldBe("Grading");
        var done = await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good"));
        done.Str("state").ShouldBe("Completed");

        var final = await _scenario.Psw.GetOkAsync($"/api/audits/{audit}");
        final.Arr("finalGrades").Select(f => f.Str("grade")).ShouldAllBe(g => g == "Good");
        final.Arr("actions").ShouldBeEmpty();
        final.Arr("moderation").ShouldBeEmpty();
        final.Str("finalOverall").ShouldBe("Good");
        (await _scenario.Psw.GetOkAsync("/api/moderation")).AsArray().ShouldNotContain(a => a!.Id("auditId") == audit);
        var line = final.Arr("history").Single(h => h.Str("trigger") == "submitSecondMarking");
        line.Str("by").ShouldBe(second.UserName);
        line.Str("fromState").ShouldBe("Grading");
        line.Str("toState").ShouldBe("Grading");
        final.Arr("gradings").Single(g => g.Str("role") == "SecondAuditor").Str("grader").ShouldBe(second.UserName);

        // The first auditor does not see the second auditor's grades, even after.
        var asAuditor = await auditor.GetOkAsync($"/api/audits/{audit}");
        asAuditor.Arr("gradings").ShouldNotContain(g => g.Str("role") == "SecondAuditor");
        asAuditor.Arr("assignments").ShouldNotContain(a => a.Str("role") == "SecondAuditor");
    }

    [Fact]
    public async Task TheDashboardAndThreeViewsAreTheSameWithOrWithoutTheSecondAuditorsGrades()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var template = (await _scenario.DudleyTemplateAsync()).Id();
        var audits = await OpenFullySecondMarkedAsync(3);
        var seconds = new List<(Guid Audit, AuditClient Client)>();
        foreach (var audit in audits)
        {
            var asPsw = await _scenario.Psw.GetOkAsync($"/api/audits/{audit}");
            await Client(GraderIn(asPsw, "Auditor")!).PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good"));
            await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good", (1, "Outstanding")));
            seconds.Add((audit, Client(GraderIn(asPsw, "SecondAuditor")!)));
        }

        var query = $"templateId={template}";
        var dashboard = (await _scenario.Psw.GetOkAsync($"/api/dashboard?{query}")).ToJsonString();
        var threeViews = (await _scenario.Psw.GetOkAsync($"/api/reports/three-views?{query}")).ToJsonString();
        var agreement = await _scenario.Psw.GetOkAsync($"/api/reports/agreement?{query}");

        foreach (var (audit, client) in seconds)
        {
            await client.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Inadequate"));
        }

        (await _scenario.Psw.GetOkAsync($"/api/dashboard?{query}")).ToJsonString().ShouldBe(dashboard);
        (await _scenario.Psw.GetOkAsync($"/api/reports/three-views?{query}")).ToJsonString().ShouldBe(threeViews);
        var after = await _scenario.Psw.GetOkAsync($"/api/reports/agreement?{query}");
        after["overall"]!.ToJsonString().ShouldBe(agreement["overall"]!.ToJsonString());
        after["pairs"]!.ToJsonString().ShouldBe(agreement["pairs"]!.ToJsonString());
        after["graders"]!.ToJsonString().ShouldBe(agreement["graders"]!.ToJsonString());
        after["secondMarking"]!["pairs"]!.GetValue<int>().ShouldBe(3 * criteria.Count);
    }

    [Fact]
    public async Task TheAgreementReportsAuditorAgainstSecondAuditorOverallAndByCriterionAsComputedHere()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var template = (await _scenario.DudleyTemplateAsync()).Id();
        var audits = await OpenFullySecondMarkedAsync(6);
        string[] grades = ["Outstanding", "Good", "RequiresImprovement", "Inadequate"];
        for (var i = 0; i < audits.Count; i++)
        {
            var audit = audits[i];
            var asPsw = await _scenario.Psw.GetOkAsync($"/api/audits/{audit}");
            var second = Client(GraderIn(asPsw, "SecondAuditor")!);
            _factory.Clock.Advance(TimeSpan.FromHours(1));
            await second.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, grades[i % 3], (i % criteria.Count, grades[(i + 1) % 4])));
            if (i == audits.Count - 1)
            {
                continue; // Second marked, but never final: not counted in any period.
            }

            await Client(GraderIn(asPsw, "Auditor")!).PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, grades[(i + 1) % 3], (2, "Good")));
            await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good"));
        }

        var report = await _scenario.Psw.GetOkAsync($"/api/reports/agreement?templateId={template}");

        var stored = AgreementReportTests.InPeriod(await AgreementReportTests.AuditsAsync(_factory), null, null);
        var rows = (
            from audit in stored
            from auditor in audit.Gradings.Where(g => g.Role == GraderRole.Auditor)
            from second in audit.Gradings.Where(g => g.Role == GraderRole.SecondAuditor)
            from grade in auditor.Grades
            let other = second.Grades.Single(g => g.CriterionId == grade.CriterionId)
            select new AgreementReportTests.PairRow(audit.Id, grade.CriterionId, auditor.Grader, second.Grader, (int)grade.Grade, (int)other.Grade)).ToList();
        rows.Count.ShouldBe(5 * criteria.Count);

        var section = report["secondMarking"]!;
        Figures(section).ShouldBe(AgreementReportTests.Figures(rows));
        section.Arr("criteria").Select(c => c.Id("criterionId")).ShouldBe(criteria);
        foreach (var criterion in section.Arr("criteria"))
        {
            Figures(criterion).ShouldBe(AgreementReportTests.Figures([.. rows.Where(r => r.CriterionId == criterion.Id("criterionId"))]));
        }

        // The main figures are the auditor against the young assessor, as before.
        Figures(report["overall"]).ShouldBe(AgreementReportTests.Figures(AgreementReportTests.PairsOf(stored)));
    }

    private static AgreementReportTests.Expected Figures(JsonNode? node) => new(
        node!["pairs"]!.GetValue<int>(),
        node["exactAgreement"]?.GetValue<decimal>(),
        node["weightedKappa"]?.GetValue<decimal>());

    [Fact]
    public async Task ARoundPlanCarriesItsShareIntoTheRoundsItOpens()
    {
        var template = (await _scenario.DudleyTemplateAsync()).Id();
        object Plan(int? percent) => new
        {
            name = "Monthly voice audit",
            templateId = template,
            schedule = "0 6 1 * *",
            dueInDays = 30,
            perTeam = 1,
            excludeAuditedWithinMonths = 0,
            auditors = new[] { DemoUsers.Auditor, DemoUsers.OtherAuditor },
            youngAssessors = new[] { DemoUsers.YoungAssessor },
            secondMarkingPercent = percent,
        };

        (await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/round-plans", Plan(101)))["errors"]!.AsObject()
            .Select(e => e.Key).ShouldContain("secondMarkingPercent");
        var plan = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/round-plans", Plan(50));
        plan["secondMarkingPercent"]!.GetValue<int>().ShouldBe(50);
        (await _scenario.Psw.GetOkAsync($"/api/round-plans/{plan.Id()}"))["secondMarkingPercent"]!.GetValue<int>().ShouldBe(50);

        _factory.Clock.Advance(TimeSpan.FromDays(31));
        await _factory.Services.GetRequiredService<RoundPlanRunner>().OpenDueAsync(CancellationToken.None);
        var rounds = (await _scenario.Psw.GetOkAsync("/api/rounds")).AsArray();
        var round = await _scenario.Psw.GetOkAsync($"/api/rounds/{rounds.Single(r => r.Str("name").StartsWith("Monthly", StringComparison.Ordinal)).Id()}");
        round["secondMarkingPercent"]!.GetValue<int>().ShouldBe(50);
        var audits = round.Arr("audits");
        audits.Count(a => a!["secondAuditor"] is not null).ShouldBe((int)Math.Ceiling(audits.Count * 50 / 100.0));
    }
}
