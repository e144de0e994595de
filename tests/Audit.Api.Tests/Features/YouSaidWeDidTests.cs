using System.Net;
using Audit.Api.Tests.Support;
using Audit.Domain.Actions;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

/// <summary>"You said, we did" lists what changed for children, by principle and service area, with nothing that identifies a child or a worker.</summary>
public sealed class YouSaidWeDidTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    private const string Period = "from=2026-11-01&to=2027-01-01";

    private sealed record Row(string Principle, string ServiceArea, string Team, string Found, DateOnly ClosedOn, Guid TeamId);

    /// <summary>The closed actions worked out in memory from plain rows, in the report's order.</summary>
    private Task<List<Row>> ExpectedAsync(DateOnly from, DateOnly to) => world.App.WithDbAsync(async db =>
    {
        var actions = await db.Actions.AsNoTracking().ToListAsync();
        var teams = await db.Teams.AsNoTracking().ToListAsync();
        var criteria = await db.Criteria.AsNoTracking().ToListAsync();
        return actions
            .Where(a => a.Status == ActionStatus.Closed && DateOnly.FromDateTime(a.ClosedAt!.Value.UtcDateTime) >= from && DateOnly.FromDateTime(a.ClosedAt.Value.UtcDateTime) < to)
            .Select(a => (Action: a, Team: teams.Single(t => t.Id == a.TeamId), Criterion: criteria.Single(c => c.Id == a.CriterionId)))
            .OrderBy(x => x.Criterion.Title, StringComparer.Ordinal).ThenBy(x => x.Team.ServiceArea).ThenByDescending(x => x.Action.ClosedAt).ThenBy(x => x.Action.Id)
            .Select(x => new Row(x.Criterion.Title, x.Team.ServiceArea.ToString(), x.Team.Name, x.Action.FinalGrade.ToString(), DateOnly.FromDateTime(x.Action.ClosedAt!.Value.UtcDateTime), x.Team.Id))
            .ToList();
    });

    private static List<Row> Read(System.Text.Json.Nodes.JsonNode list) =>
        list.AsArray().Select(i => new Row(i.Str("principle"), i.Str("serviceArea"), i.Str("team"), i.Str("found"), DateOnly.Parse(i.Str("closedOn"), System.Globalization.CultureInfo.InvariantCulture), Guid.Empty)).ToList();

    [Fact]
    public async Task ListsEveryClosedActionByPrincipleAndServiceAreaWithWhatWasFoundWhenAndWhichTeam()
    {
        var response = await world.Scenario.Psw.GetAsync($"/api/reports/you-said-we-did?{Period}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var expected = await ExpectedAsync(new DateOnly(2026, 11, 1), new DateOnly(2027, 1, 1));
        expected.Count.ShouldBeGreaterThan(1);
        expected.Select(e => e.ClosedOn.Month).Distinct().Count().ShouldBe(2, "actions were closed in November and December");
        Read(await Scenario.AsJsonAsync(response)).ShouldBe(expected.Select(e => e with { TeamId = Guid.Empty }).ToList());
        response.Headers.GetValues("X-Total-Count").Single().ShouldBe(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task SaysWhatChangedForTheChildWithoutTheCaseFilesReferenceOrTheWorkersName()
    {
        var list = (await world.Scenario.Psw.GetOkAsync($"/api/reports/you-said-we-did?{Period}")).AsArray();

        list.Select(i => i.Str("whatChanged")).ShouldAllBe(words => words == "[the worker] met the child for [case file]; the child now chairs part of their review, as they asked.");
    }

    [Fact]
    public async Task NoCaseFileReferenceWorkerManagerOrIdAppearsAnywhereInTheAnswer()
    {
        var response = await world.Scenario.Psw.GetAsync($"/api/reports/you-said-we-did?{Period}&take=200");
        var json = await response.Content.ReadAsStringAsync();

        var (caseFiles, people, ids) = await world.App.WithDbAsync(async db => (
            await db.CaseFiles.Select(c => new { c.Reference, c.AllocatedWorker, c.Id }).ToListAsync(),
            await db.Staff.Select(s => new { s.UserName, s.DisplayName }).ToListAsync(),
            await db.Actions.Select(a => new { a.Id, a.AuditId, a.CriterionId, a.TeamId }).ToListAsync()));
        json.ShouldContain("chairs part of their review");
        foreach (var caseFile in caseFiles)
        {
            json.ShouldNotContain(caseFile.Reference, Case.Insensitive);
            json.ShouldNotContain(caseFile.AllocatedWorker, Case.Insensitive);
            json.ShouldNotContain(caseFile.Id.ToString(), Case.Insensitive);
        }

        foreach (var person in people)
        {
            json.ShouldNotContain(person.UserName, Case.Insensitive);
            if (person.DisplayName.Length > 3)
            {
                json.ShouldNotContain(person.DisplayName, Case.Insensitive);
            }
        }

        foreach (var action in ids)
        {
            foreach (var id in new[] { action.Id, action.AuditId, action.CriterionId, action.TeamId })
            {
                json.ShouldNotContain(id.ToString(), Case.Insensitive);
            }
        }
    }

    [Fact]
    public async Task IsPagedWithTheTotalInTheHeader()
    {
        var expected = await ExpectedAsync(new DateOnly(2026, 11, 1), new DateOnly(2027, 1, 1));

        var response = await world.Scenario.Psw.GetAsync($"/api/reports/you-said-we-did?{Period}&skip=1&take=2");

        Read(await Scenario.AsJsonAsync(response)).ShouldBe(expected.Skip(1).Take(2).Select(e => e with { TeamId = Guid.Empty }).ToList());
        response.Headers.GetValues("X-Total-Count").Single().ShouldBe(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FiltersByPeriodAndServiceArea()
    {
        var december = await ExpectedAsync(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1));
        var area = december[0].ServiceArea;

        var list = await world.Scenario.Psw.GetOkAsync($"/api/reports/you-said-we-did?from=2026-12-01&to=2027-01-01&serviceArea={area}");

        Read(list).ShouldBe(december.Where(e => e.ServiceArea == area).Select(e => e with { TeamId = Guid.Empty }).ToList());
    }

    [Fact]
    public async Task AServiceManagerSeesOnlyTheirOwnService()
    {
        var teams = await world.App.WithDbAsync(db => db.Teams.Where(t => t.ServiceManager == DemoUsers.ServiceManager).Select(t => t.Id).ToListAsync());
        var all = await ExpectedAsync(new DateOnly(2026, 11, 1), new DateOnly(2027, 1, 1));
        var theirs = all.Where(e => teams.Contains(e.TeamId)).Select(e => e with { TeamId = Guid.Empty }).ToList();
        theirs.Count.ShouldBeLessThan(all.Count);

        var list = await world.App.ClientFor(DemoUsers.ServiceManager).GetOkAsync($"/api/reports/you-said-we-did?{Period}");

        Read(list).ShouldBe(theirs);
    }

    [Theory]
    [InlineData("take=0")]
    [InlineData("take=201")]
    [InlineData("skip=-1")]
    [InlineData("from=2026-12-01&to=2026-12-01")]
    public async Task RefusesBadPagingAndPeriods(string query) =>
        (await world.Scenario.Psw.GetAsync($"/api/reports/you-said-we-did?{query}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
}
