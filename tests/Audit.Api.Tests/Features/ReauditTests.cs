using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

/// <summary>
/// Re-audit: a team manager closing an action asks for the case file to be audited again after some weeks; the next
/// round that samples its team, opened on or after that day, takes it (recently audited or not); the agreement report
/// and the dashboard say, criterion by criterion, how many re-audited files went up.
/// </summary>
public sealed class ReauditTests : IDisposable
{
    private readonly AuditApiFactory _factory = new(settings: new Dictionary<string, string?> { ["Timers:RunInBackground"] = "false" });
    private readonly Scenario _scenario;

    public ReauditTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private static JsonObject SampledRound(string name, int seed) => new()
    {
        ["name"] = name,
        ["templateId"] = null,
        ["dueOn"] = "2027-03-31",
        ["sample"] = new JsonObject { ["perTeam"] = 1, ["excludeAuditedWithinMonths"] = 6, ["seed"] = seed },
        ["auditors"] = new JsonArray(DemoUsers.Auditor, DemoUsers.OtherAuditor),
        ["youngAssessors"] = new JsonArray(DemoUsers.YoungAssessor),
    };

    private async Task<JsonObject> RoundBodyAsync(string name, int seed)
    {
        var body = SampledRound(name, seed);
        body["templateId"] = (await _scenario.DudleyTemplateAsync()).Id().ToString();
        return body;
    }

    private async Task<Guid> CaseFileOfAsync(Guid auditId) => (await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}"))["caseFile"].Id();

    [Fact]
    public async Task ClosingWithAReauditRecordsWhenItIsDueInTheAuditsHistory()
    {
        var raised = await _scenario.RaiseActionAsync(_factory, skip: 0);
        var manager = _factory.ClientFor(raised.TeamManager);

        foreach (var weeks in new[] { 0, 53 })
        {
            var refused = await manager.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/actions/{raised.ActionId}/close",
                new { whatChanged = "The child now chairs part of their review.", reauditAfterWeeks = weeks });
            refused["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["reauditAfterWeeks"]);
        }

        await manager.PostOkAsync($"/api/actions/{raised.ActionId}/close", new { whatChanged = "The child now chairs part of their review.", reauditAfterWeeks = 4 });

        var today = DateOnly.FromDateTime(_factory.Clock.GetUtcNow().UtcDateTime);
        var request = await _factory.WithDbAsync(db => db.ReauditRequests.AsNoTracking().SingleAsync());
        request.ActionId.ShouldBe(raised.ActionId);
        request.AuditId.ShouldBe(raised.AuditId);
        request.CaseFileId.ShouldBe(await CaseFileOfAsync(raised.AuditId));
        request.DueOn.ShouldBe(today.AddDays(28));
        request.RequestedBy.ShouldBe(raised.TeamManager);
        request.FulfilledByAuditId.ShouldBeNull();

        var history = (await _scenario.Psw.GetOkAsync($"/api/audits/{raised.AuditId}")).Arr("history");
        var line = history.Single(h => h.Str("trigger") == "closeAction");
        line.Str("by").ShouldBe(raised.TeamManager);
        line.Str("detail").ShouldContain($"Re-audit of the case file asked for after 4 week(s), from {today.AddDays(28):yyyy-MM-dd}.");
    }

    [Fact]
    public async Task TheNextRoundSamplingTheTeamOnOrAfterTheDueDayTakesTheFileDespiteItsRecentAuditOnce()
    {
        var raised = await _scenario.RaiseActionAsync(_factory, skip: 0);
        var caseFile = await CaseFileOfAsync(raised.AuditId);
        await _factory.ClientFor(raised.TeamManager).PostOkAsync($"/api/actions/{raised.ActionId}/close", new { whatChanged = "The child's words are in the plan.", reauditAfterWeeks = 2 });

        // Before the day: skipped as recently audited, and no re-audit yet.
        _factory.Clock.Advance(TimeSpan.FromDays(13));
        var early = await _scenario.Psw.PostOkAsync("/api/rounds/preview", await RoundBodyAsync("Early", 5));
        early.Arr("caseFiles").ShouldNotContain(c => c.Id("id") == caseFile);

        _factory.Clock.Advance(TimeSpan.FromDays(1));
        var preview = await _scenario.Psw.PostOkAsync("/api/rounds/preview", await RoundBodyAsync("On the day", 5));
        var taken = preview.Arr("caseFiles").Single(c => c.Id("id") == caseFile)!;
        taken["reauditRequested"]!.GetValue<bool>().ShouldBeTrue();
        preview.Arr("caseFiles").Where(c => c.Id("id") != caseFile).ShouldAllBe(c => !c!["reauditRequested"]!.GetValue<bool>());
        preview.Arr("teams").Single(t => t.Id("teamId") == raised.TeamId)!["taken"]!.GetValue<int>().ShouldBe(2);
        (await _factory.WithDbAsync(db => db.ReauditRequests.SingleAsync())).FulfilledByAuditId.ShouldBeNull("a preview saves nothing");

        var opened = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", await RoundBodyAsync("On the day", 5));
        var round = await _scenario.Psw.GetOkAsync($"/api/rounds/{opened.Id()}");
        var reaudit = round.Arr("audits").Single(a => a.Id("caseFileId") == caseFile)!.Id();
        var request = await _factory.WithDbAsync(db => db.ReauditRequests.AsNoTracking().SingleAsync());
        request.FulfilledByAuditId.ShouldBe(reaudit);
        request.FulfilledInRoundId.ShouldBe(opened.Id());
        (await _scenario.Psw.GetOkAsync($"/api/audits/{reaudit}")).Arr("history").Select(h => h.Str("trigger")).ShouldContain("reauditRequested");

        var later = await _scenario.Psw.PostOkAsync("/api/rounds/preview", await RoundBodyAsync("Later", 5));
        later.Arr("caseFiles").ShouldNotContain(c => c.Id("id") == caseFile, "a re-audit is done once");
    }

    [Fact]
    public async Task ARoundThatDoesNotSampleTheFilesTeamLeavesTheRequestWaiting()
    {
        var raised = await _scenario.RaiseActionAsync(_factory, skip: 0);
        await _factory.ClientFor(raised.TeamManager).PostOkAsync($"/api/actions/{raised.ActionId}/close", new { whatChanged = "The child's words are in the plan.", reauditAfterWeeks = 1 });
        _factory.Clock.Advance(TimeSpan.FromDays(8));
        var otherTeam = (await _scenario.Psw.GetOkAsync("/api/teams")).AsArray().First(t => t.Id() != raised.TeamId)!;
        var body = await RoundBodyAsync("Another team", 3);
        body["sample"]!["serviceAreas"] = new JsonArray(otherTeam.Str("serviceArea"));
        body["sample"]!["teams"] = new JsonArray(otherTeam.Str("id"));

        await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", body);

        (await _factory.WithDbAsync(db => db.ReauditRequests.SingleAsync())).FulfilledByAuditId.ShouldBeNull();
    }

    [Fact]
    public async Task TheAgreementReportAndTheDashboardCountTheFilesWhoseGradeWentUpAsComputedHere()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var template = (await _scenario.DudleyTemplateAsync()).Id();
        var raised = new List<RaisedAction>();
        for (var i = 0; i < 4; i++)
        {
            raised.Add(await _scenario.RaiseActionAsync(_factory, skip: i));
        }

        foreach (var action in raised)
        {
            await _factory.ClientFor(action.TeamManager).PostOkAsync($"/api/actions/{action.ActionId}/close", new { whatChanged = "The child's words are in the plan.", reauditAfterWeeks = 1 });
        }

        _factory.Clock.Advance(TimeSpan.FromDays(8));
        var opened = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", await RoundBodyAsync("Re-audit round", 11));
        var requests = await _factory.WithDbAsync(db => db.ReauditRequests.AsNoTracking().ToListAsync());
        requests.ShouldAllBe(r => r.FulfilledByAuditId != null);

        // The re-audits: one goes up on the principle that was below target, one stays, one goes down elsewhere, one goes up everywhere.
        string[][] gradings =
        [
            ["Good", "Good", "Good", "Good", "Good", "Good"],
            ["Good", "Good", "RequiresImprovement", "Good", "Good", "Good"],
            ["RequiresImprovement", "Good", "Good", "Good", "Good", "Good"],
            ["Outstanding", "Outstanding", "Outstanding", "Outstanding", "Outstanding", "Outstanding"],
        ];
        var reaudits = requests.OrderBy(r => raised.FindIndex(a => a.ActionId == r.ActionId)).Select(r => r.FulfilledByAuditId!.Value).ToList();
        for (var i = 0; i < reaudits.Count; i++)
        {
            var view = await _scenario.Psw.GetOkAsync($"/api/audits/{reaudits[i]}");
            var auditor = view.Arr("assignments").Single(a => a.Str("role") == "Auditor").Str("userName");
            var body = new
            {
                grades = criteria.Select((id, c) => new { criterionId = id, grade = gradings[i][c], evidence = "Seen in the record." }),
                overall = "Good",
            };
            await _factory.ClientFor(auditor).PostOkAsync($"/api/audits/{reaudits[i]}/gradings", body);
            await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{reaudits[i]}/gradings", body);
        }

        // Independently: each fulfilled request's re-audit against its asking audit, final grade by final grade, by position.
        var rows = await _factory.WithDbAsync(async db =>
        {
            var positions = await db.Criteria.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Position);
            var finals = await db.FinalGrades.AsNoTracking().ToListAsync();
            var fulfilled = await db.ReauditRequests.AsNoTracking().Where(r => r.FulfilledByAuditId != null).ToListAsync();
            return (
                from request in fulfilled
                from after in finals.Where(f => f.AuditId == request.FulfilledByAuditId)
                from before in finals.Where(f => f.AuditId == request.AuditId)
                where positions[after.CriterionId] == positions[before.CriterionId]
                select (Position: positions[after.CriterionId], Up: (int)after.Grade > (int)before.Grade)).ToList();
        });
        rows.Count.ShouldBe(4 * criteria.Count);
        (int Files, int Improved, decimal? Percent) Expected(int position)
        {
            var at = rows.Where(r => r.Position == position).ToList();
            return (at.Count, at.Count(r => r.Up), at.Count == 0 ? null : Math.Round(100m * at.Count(r => r.Up) / at.Count, 1, MidpointRounding.AwayFromZero));
        }

        static (int, int, decimal?) Actual(JsonNode? share) =>
            (share!["files"]!.GetValue<int>(), share["improved"]!.GetValue<int>(), share["percent"]?.GetValue<decimal>());

        var agreement = await _scenario.Psw.GetOkAsync($"/api/reports/agreement?templateId={template}");
        foreach (var criterion in agreement.Arr("criteria"))
        {
            Actual(criterion!["reaudit"]).ShouldBe(Expected(criterion["position"]!.GetValue<int>()));
        }

        var dashboard = await _scenario.Psw.GetOkAsync($"/api/dashboard?templateId={template}");
        foreach (var criterion in dashboard.Arr("criteria"))
        {
            Actual(criterion!["reaudit"]).ShouldBe(Expected(criterion["position"]!.GetValue<int>()));
        }

        Expected(2).Improved.ShouldBe(3, "three of the four went up from Requires improvement on the third principle");

        // A period before the re-audits were final counts none.
        var before = await _scenario.Psw.GetOkAsync($"/api/dashboard?templateId={template}&to={_factory.Clock.GetUtcNow().AddDays(-1):yyyy-MM-dd}");
        before.Arr("criteria").ShouldAllBe(c => c!["reaudit"]!["files"]!.GetValue<int>() == 0);
        opened.ShouldNotBeNull();
    }
}
