using System.Net;
using System.Net.Http.Json;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

/// <summary>Every refusal is an RFC 9457 problem document with the right status, and nothing already stored changes.</summary>
public sealed class ProblemDetailsTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public ProblemDetailsTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task RejectsATemplateWithoutANameOrCriteriaNamingTheFields()
    {
        var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/templates", new
        {
            name = "",
            criteria = Array.Empty<object>(),
            target = new { atLeast = "Good", percent = 120 },
            graders = new[] { "Auditor" },
        });

        problem.Str("title").ShouldNotBeNullOrWhiteSpace();
        problem["status"]!.GetValue<int>().ShouldBe(400);
        var fields = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        fields.ShouldContain("name");
        fields.ShouldContain("criteria");
        fields.ShouldContain("target.percent");
    }

    [Fact]
    public async Task RejectsAGradeThatIsNotOnTheScaleNamingTheField()
    {
        var response = await _scenario.Psw.PostAsync("/api/templates", new
        {
            name = "Stockton needs",
            criteria = new[] { new { title = "Vigilance", guidance = "" } },
            target = new { atLeast = "Excellent", percent = 65 },
            graders = new[] { "Auditor" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await Scenario.AsJsonAsync(response);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain("target.atLeast");
    }

    [Fact]
    public async Task CreatesATemplateAndAnswersWithTheIdsOfItsCriteria()
    {
        var created = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/templates", new
        {
            name = "What children say they need (Stockton)",
            criteria = new[] { new { title = "Vigilance", guidance = "Adults notice when things are wrong." }, new { title = "Advocacy", guidance = "" } },
            target = new { atLeast = "Good", percent = 70 },
            graders = new[] { "Auditor" },
        });

        created.Id().ShouldNotBe(Guid.Empty);
        created.Arr("criteria").Select(c => c.Id()).Distinct().Count().ShouldBe(2);
        var read = await _scenario.Auditor.GetOkAsync($"/api/templates/{created.Id()}");
        read.Arr("criteria").Select(c => c.Str("title")).ShouldBe(["Vigilance", "Advocacy"]);
    }

    [Fact]
    public async Task RejectsAGradingThatLeavesACriterionOutAndKeepsTheAuditAsItWas()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        var problem = await _scenario.Auditor.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/audits/{auditId}/gradings",
            Scenario.Grading(criteria.Take(5).ToList(), "Good"));

        problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain("grades");
        var audit = await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}");
        audit.Arr("gradings").ShouldBeEmpty();
        audit.Arr("history").Count.ShouldBe(1);
    }

    [Fact]
    public async Task RejectsAGradeWithoutEvidenceNamingTheGradeAtFault()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        var problem = await _scenario.Auditor.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/audits/{auditId}/gradings", new
        {
            grades = criteria.Select((id, i) => new { criterionId = id, grade = "Good", evidence = i == 3 ? "" : "Seen in the plan." }),
            overall = "Good",
        });

        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["grades[3].evidence"]);
    }

    [Fact]
    public async Task RefusesACallWithoutATokenWith401()
    {
        var response = await _factory.CreateClient().GetAsync("/api/audits?mine=true");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefusesAYoungAssessorTheCaseFileListWith403()
    {
        var response = await _scenario.YoungAssessor.GetAsync("/api/case-files");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task RefusesAnAuditorCreatingATemplateWith403()
    {
        var response = await _scenario.Auditor.PostAsync("/api/templates", new { name = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task HidesAnAuditFromAGraderItIsNotAssignedToWith404()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        var stranger = _factory.ClientFor(DemoUsers.OtherAuditor);

        var problem = await stranger.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        problem["status"]!.GetValue<int>().ShouldBe(404);
        (await stranger.GetAsync($"/api/audits/{auditId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RefusesGradingToAManagerWhoMaySeeTheAuditWith403()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        var teamId = (await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}"))["caseFile"].Id("teamId");
        var teamManager = _factory.ClientFor((await _scenario.Psw.GetOkAsync("/api/teams")).AsArray().Single(t => t.Id() == teamId)!.Str("teamManager"));

        (await teamManager.GetAsync($"/api/audits/{auditId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await teamManager.PostAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnswersAnUnknownAuditWith404()
    {
        var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/audits/{Guid.NewGuid()}");

        problem["status"]!.GetValue<int>().ShouldBe(404);
    }

    [Fact]
    public async Task RefusesModerationWhileGradingIsOpenNamingTheStateAndWhatIsPermitted()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/api/audits/{auditId}/moderation", new
        {
            grades = new[] { new { criterionId = criteria[0], grade = "Good", reason = "Too early." } },
        });

        problem.Str("state").ShouldBe("Grading");
        problem.Arr("permittedTriggers").Select(t => t!.GetValue<string>()).ShouldBe(["cancel"]);
    }

    [Fact]
    public async Task RefusesASecondGradingFromTheSameGraderWith409()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        var problem = await _scenario.Auditor.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Inadequate"));

        problem["status"]!.GetValue<int>().ShouldBe(409);
        var audit = await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}");
        audit.Arr("gradings").ShouldHaveSingleItem()!.Str("overall").ShouldBe("Good");
    }

    [Fact]
    public async Task RefusesARoundNamingAGraderWithoutThatRole()
    {
        var template = await _scenario.DudleyTemplateAsync();
        var caseFile = (await _scenario.CaseFilesAsync(1))[0];

        var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/rounds", new
        {
            name = "Spring",
            templateId = template.Id(),
            dueOn = "2026-12-01",
            caseFileIds = new[] { caseFile.Id() },
            auditor = DemoUsers.YoungAssessor,
            youngAssessor = DemoUsers.YoungAssessor,
        });

        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["auditor"]);
    }

    [Fact]
    public async Task RejectsMalformedJsonWith400()
    {
        var token = await _factory.CreateClient().PostAsJsonAsync("/api/dev/token", new { userName = DemoUsers.Psw });
        token.EnsureSuccessStatusCode();
        var response = await _scenario.Psw.SendAsync(HttpMethod.Get, "/api/teams");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/templates")
        {
            Content = new StringContent("{\"name\": \"broken\", \"criteria\": [", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", (await Scenario.AsJsonAsync(token)).Str("token"));
        var bad = await _scenario.Psw.Http.SendAsync(request);

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        bad.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task AnEmptyBodyIsAnsweredWithTheMissingFieldsNotAFailure()
    {
        foreach (var url in new[] { "/api/templates", "/api/rounds" })
        {
            var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, url, new { });

            problem["errors"]!.AsObject().Count.ShouldBeGreaterThan(1);
        }
    }

    [Fact]
    public async Task ARoundListsItsAuditsByCaseReference()
    {
        var audits = await _scenario.PlanRoundAsync(count: 3);
        var roundId = (await _scenario.Psw.GetOkAsync($"/api/audits/{audits[0]}"))["roundId"]!.GetValue<string>();

        var round = await _scenario.Psw.GetOkAsync($"/api/rounds/{roundId}");

        round.Arr("audits").Select(a => a.Str("reference")).ShouldBe(["CF-100001", "CF-100002", "CF-100003"]);
        round["auditsByState"]!["Grading"]!.GetValue<int>().ShouldBe(3);
    }
}
