using System.Net;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

public sealed class ConcernTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public ConcernTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AConcernIsNeverBlockedByTheAuditsStateAndReachesTheTeamManagerAndPswAtOnce()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        var completed = await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        completed.Str("state").ShouldBe("Completed");

        var raised = await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/concerns", new { description = "The record says the child is frightened to go home." });

        raised.Str("state").ShouldBe("Completed");
        raised.Arr("concerns").ShouldHaveSingleItem()!.Str("description").ShouldContain("frightened");
        raised.Arr("history")[^1]!.Str("trigger").ShouldBe("raiseConcern");
        var team = (await _scenario.Psw.GetOkAsync("/api/teams")).AsArray().Single(t => t.Id() == (raised["caseFile"].Id("teamId")))!;
        (await _factory.ClientFor(team.Str("teamManager")).GetOkAsync("/api/notifications")).AsArray().ShouldContain(n => n.Str("kind") == "Concern");
        (await _scenario.Psw.GetOkAsync("/api/notifications")).AsArray().ShouldContain(n => n.Str("kind") == "Concern" && n.Id("auditId") == auditId);
        (await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}")).Arr("concerns").Single()!.Str("raisedBy").ShouldBe(DemoUsers.YoungAssessor);
        (await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}/history/verify"))["holds"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task AConcernNeedsADescriptionAndAnAuditTheCallerMaySee()
    {
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        var blank = await _scenario.Auditor.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/audits/{auditId}/concerns", new { description = " " });
        blank["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["description"]);
        (await _factory.ClientFor(DemoUsers.OtherYoungAssessor).PostAsync($"/api/audits/{auditId}/concerns", new { description = "Worried." }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
