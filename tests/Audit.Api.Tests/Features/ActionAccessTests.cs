using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

/// <summary>Actions reach the case file's team manager and the service manager above them, and nobody else.</summary>
public sealed class ActionAccessTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public ActionAccessTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private async Task<JsonNode> RaiseOneActionAsync()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good", (1, "RequiresImprovement")));
        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        return (await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}")).Arr("actions").Single()!;
    }

    [Fact]
    public async Task TheServiceManagerOfTheTeamSeesItsActionsAndTheOtherDoesNot()
    {
        var action = await RaiseOneActionAsync();
        var team = (await _scenario.Psw.GetOkAsync("/api/teams")).AsArray().Single(t => t.Id() == action.Id("teamId"))!;
        var ownManager = _factory.ClientFor(team.Str("serviceManager"));
        var otherManager = _factory.ClientFor(team.Str("serviceManager") == DemoUsers.ServiceManager ? "lena.marsh" : DemoUsers.ServiceManager);

        (await ownManager.GetOkAsync("/api/actions?mine=true")).AsArray().Select(a => a.Id()).ShouldBe([action.Id()]);
        (await otherManager.GetOkAsync("/api/actions?mine=true")).AsArray().ShouldBeEmpty();
        (await otherManager.GetAsync($"/api/actions/{action.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ownManager.GetOkAsync($"/api/actions/{action.Id()}")).Str("status").ShouldBe("Open");
    }

    [Fact]
    public async Task OnlyTheTeamsManagerClosesItsAction()
    {
        var action = await RaiseOneActionAsync();
        var otherTeamManager = (await _scenario.Psw.GetOkAsync("/api/teams")).AsArray()
            .Select(t => t.Str("teamManager")).First(m => m != action.Str("assignee"));

        var stranger = _factory.ClientFor(otherTeamManager);
        (await stranger.GetOkAsync("/api/actions?mine=true")).AsArray().ShouldBeEmpty();
        (await stranger.PostAsync($"/api/actions/{action.Id()}/close", new { whatChanged = "Not mine to close." })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _scenario.Auditor.PostAsync($"/api/actions/{action.Id()}/close", new { whatChanged = "Not mine either." })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var serviceManager = _factory.ClientFor((await _scenario.Psw.GetOkAsync("/api/teams")).AsArray().Single(t => t.Id() == action.Id("teamId"))!.Str("serviceManager"));
        (await serviceManager.PostAsync($"/api/actions/{action.Id()}/close", new { whatChanged = "Seen, but not mine to close." })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var owner = _factory.ClientFor(action.Str("assignee"));
        var blank = await owner.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/actions/{action.Id()}/close", new { whatChanged = "" });
        blank["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["whatChanged"]);
        await owner.PostOkAsync($"/api/actions/{action.Id()}/close", new { whatChanged = "The plan now records the child's own words." });
        var again = await owner.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/api/actions/{action.Id()}/close", new { whatChanged = "Twice." });
        again["permittedTriggers"].ShouldNotBeNull();
    }

    [Fact]
    public async Task CancellingAnAuditCancelsItsOpenActions()
    {
        var action = await RaiseOneActionAsync();

        var cancelled = await _scenario.Psw.PostOkAsync($"/api/audits/{action.Id("auditId")}/cancel", new { reason = "Sampled in error: the case closed before the period." });

        cancelled.Str("state").ShouldBe("Cancelled");
        cancelled.Arr("actions").Single()!.Str("status").ShouldBe("Cancelled");
        cancelled.Arr("permittedTriggers").ShouldBeEmpty();
    }
}
