using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Audit.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

public sealed class RoundSamplingTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public RoundSamplingTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private async Task<JsonNode> PlanAsync(object sample, object? graders = null)
    {
        var template = await _scenario.DudleyTemplateAsync();
        var body = new JsonObject
        {
            ["name"] = "Sampled round",
            ["templateId"] = template.Id().ToString(),
            ["dueOn"] = "2026-12-18",
            ["sample"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(sample, Support.Json.Options)),
        };
        foreach (var (key, value) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(graders ?? new { auditor = DemoUsers.Auditor, youngAssessor = DemoUsers.YoungAssessor }, Support.Json.Options))!.AsObject())
        {
            body[key] = value?.DeepClone();
        }

        return await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", body);
    }

    private async Task<List<Guid>> CaseFilesOfAsync(JsonNode planned) =>
        (await _scenario.Psw.GetOkAsync($"/api/rounds/{planned.Id()}")).Arr("audits").Select(a => a.Id("caseFileId")).Order().ToList();

    [Fact]
    public async Task TakesTheSameSampleFromTheSameSeedAndRecordsIt()
    {
        var first = await PlanAsync(new { perTeam = 2, excludeAuditedWithinMonths = 0, seed = 42 });
        var second = await PlanAsync(new { perTeam = 2, excludeAuditedWithinMonths = 0, seed = 42 });
        var other = await PlanAsync(new { perTeam = 2, excludeAuditedWithinMonths = 0, seed = 7 });

        (await CaseFilesOfAsync(first)).ShouldBe(await CaseFilesOfAsync(second));
        (await CaseFilesOfAsync(first)).ShouldNotBe(await CaseFilesOfAsync(other));
        var round = await _scenario.Psw.GetOkAsync($"/api/rounds/{first.Id()}");
        round["sample"]!["seed"]!.GetValue<int>().ShouldBe(42);
        round["sample"]!["perTeam"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task TakesPerTeamFromTheChosenServiceAreasOnly()
    {
        var planned = await PlanAsync(new { perTeam = 2, serviceAreas = new[] { "ChildProtection" }, excludeAuditedWithinMonths = 0 });

        planned["seed"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(0);
        var round = await _scenario.Psw.GetOkAsync($"/api/rounds/{planned.Id()}");
        var byTeam = round.Arr("audits").GroupBy(a => a.Str("teamName")).ToList();
        byTeam.Count.ShouldBe(2);
        byTeam.ShouldAllBe(g => g.Count() == 2);
        byTeam.Select(g => g.Key).ShouldBe(["Child Protection Central", "Child Protection West"], ignoreOrder: true);
    }

    [Fact]
    public async Task TakesOnlyTheNamedTeams()
    {
        var teams = (await _scenario.Psw.GetOkAsync("/api/teams")).AsArray();
        var chosen = teams.Where(t => t.Str("name") is "Early Help North" or "Children Looked After").Select(t => t.Id()).ToList();

        var planned = await PlanAsync(new { perTeam = 3, teams = chosen, excludeAuditedWithinMonths = 0, seed = 5 });

        var round = await _scenario.Psw.GetOkAsync($"/api/rounds/{planned.Id()}");
        round.Arr("audits").Select(a => a.Str("teamName")).Distinct().ShouldBe(["Children Looked After", "Early Help North"], ignoreOrder: true);
        round.Arr("audits").Count.ShouldBe(6);
    }

    [Fact]
    public async Task SkipsCaseFilesAuditedWithinTheWindow()
    {
        var first = await PlanAsync(new { perTeam = 3, serviceAreas = new[] { "CareLeavers" }, excludeAuditedWithinMonths = 6, seed = 1 });
        var second = await PlanAsync(new { perTeam = 3, serviceAreas = new[] { "CareLeavers" }, excludeAuditedWithinMonths = 6, seed = 1 });

        (await CaseFilesOfAsync(first)).Intersect(await CaseFilesOfAsync(second)).ShouldBeEmpty();
        var teamFiles = await _factory.WithDbAsync(db => db.CaseFiles.CountAsync(c => c.ServiceArea == Domain.Teams.ServiceArea.CareLeavers));
        var third = await _scenario.Psw.PostAsync("/api/rounds", new
        {
            name = "Nothing left", templateId = (await _scenario.DudleyTemplateAsync()).Id(), dueOn = "2026-12-18",
            sample = new { perTeam = 3, serviceAreas = new[] { "CareLeavers" }, excludeAuditedWithinMonths = 6 },
            auditor = DemoUsers.Auditor, youngAssessor = DemoUsers.YoungAssessor,
        });
        (third.StatusCode == HttpStatusCode.Created) .ShouldBe(teamFiles > 6);
    }

    [Fact]
    public async Task SpreadsAuditsOverPoolsEvenlyAndNeverToAnAuditorOfTheSameTeam()
    {
        var earlyHelp = await _factory.WithDbAsync(db => db.Teams.SingleAsync(t => t.Name == "Early Help North"));
        await _factory.WithDbAsync(async db =>
        {
            db.Staff.Add(new StaffMember("wren.ashdown", "Wren Ashdown", [Role.Auditor, Role.TeamManager], earlyHelp.Id));
            return await db.SaveChangesAsync();
        });

        var planned = await PlanAsync(
            new { perTeam = 2, excludeAuditedWithinMonths = 0, seed = 3 },
            new { auditors = new[] { DemoUsers.Auditor, DemoUsers.OtherAuditor, "wren.ashdown" }, youngAssessors = new[] { DemoUsers.YoungAssessor, DemoUsers.OtherYoungAssessor } });

        var audits = new List<JsonNode>();
        foreach (var id in planned.Arr("auditIds").Select(a => a!.GetValue<string>()))
        {
            audits.Add(await _scenario.Psw.GetOkAsync($"/api/audits/{id}"));
        }

        audits.Count.ShouldBe(14);
        int[] Loads(string role) => audits.SelectMany(a => a.Arr("assignments")).Where(x => x.Str("role") == role)
            .GroupBy(x => x.Str("userName")).Select(g => g.Count()).ToArray();
        (Loads("Auditor").Max() - Loads("Auditor").Min()).ShouldBeLessThanOrEqualTo(1);
        Loads("Auditor").Length.ShouldBe(3);
        (Loads("YoungAssessor").Max() - Loads("YoungAssessor").Min()).ShouldBeLessThanOrEqualTo(1);
        audits.Where(a => a["caseFile"].Id("teamId") == earlyHelp.Id)
            .ShouldAllBe(a => a.Arr("assignments").All(x => x.Str("userName") != "wren.ashdown"));
    }

    [Fact]
    public async Task RefusesBothCaseFilesAndASample()
    {
        var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/rounds", new
        {
            name = "Both", templateId = (await _scenario.DudleyTemplateAsync()).Id(), dueOn = "2026-12-18",
            caseFileIds = new[] { Guid.NewGuid() }, sample = new { perTeam = 1, excludeAuditedWithinMonths = 0 },
            auditor = DemoUsers.Auditor, youngAssessor = DemoUsers.YoungAssessor,
        });

        problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain("caseFileIds");
    }
}
