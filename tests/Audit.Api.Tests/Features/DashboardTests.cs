using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

/// <summary>
/// Sixteen audits graded at known moments: six in November 2026, six at midnight on 1 December 2026 (the edge of a
/// period), and four in January 2027 on a second version of the template. Every figure the dashboard answers is
/// compared with a count made here, in plain LINQ over the rows read back from the database.
/// </summary>
public sealed class DashboardWorld : IAsyncLifetime
{
    public static readonly DateTimeOffset November = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset FirstOfDecember = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset January = new(2027, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private static readonly string[] Grades = ["Outstanding", "Good", "RequiresImprovement"];

    public AuditApiFactory Factory { get; } = new();
    public Scenario Scenario { get; private set; } = null!;
    public Guid FirstVersion { get; private set; }
    public Guid SecondVersion { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Scenario = new Scenario(Factory);
        var template = await Scenario.DudleyTemplateAsync();
        FirstVersion = template.Id();
        var caseFiles = (await Scenario.Psw.GetOkAsync("/api/case-files?take=16")).AsArray().Select(c => c.Id()).ToList();

        var first = await PlanAsync(caseFiles.Take(12));
        var criteria = template.Arr("criteria").Select(c => c.Id()).ToList();
        await GradeAsync(first.Take(6), criteria, 0);
        Factory.Clock.SetUtcNow(FirstOfDecember);
        await GradeAsync(first.Skip(6), criteria, 6);

        var edited = await Scenario.Psw.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/templates/{FirstVersion}", new
        {
            name = template.Str("name"),
            criteria = template.Arr("criteria").Select(c => new { title = c.Str("title") + " (revised)", guidance = c.Str("guidance") }),
            target = new { atLeast = "Good", percent = 65 },
            graders = new[] { "Auditor", "YoungAssessor" },
        });
        SecondVersion = edited.Id();
        var second = await PlanAsync(caseFiles.Skip(12));
        Factory.Clock.SetUtcNow(January);
        await GradeAsync(second, edited.Arr("criteria").Select(c => c.Id()).ToList(), 12);
    }

    public ValueTask DisposeAsync()
    {
        Factory.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<IReadOnlyList<Guid>> PlanAsync(IEnumerable<Guid> caseFiles)
    {
        var round = await Scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Dashboard round",
            templateId = FirstVersion,
            dueOn = "2027-03-26",
            caseFileIds = caseFiles.ToList(),
            auditor = DemoUsers.Auditor,
            youngAssessor = DemoUsers.YoungAssessor,
        });
        return round.Arr("auditIds").Select(a => Guid.Parse(a!.GetValue<string>())).ToList();
    }

    /// <summary>Both graders agree, so no audit waits for moderation; grades vary by audit and criterion.</summary>
    private async Task GradeAsync(IEnumerable<Guid> audits, IReadOnlyList<Guid> criteria, int offset)
    {
        foreach (var (auditId, k) in audits.Select((a, i) => (a, i + offset)))
        {
            var body = new
            {
                grades = criteria.Select((id, j) => new { criterionId = id, grade = Grades[((k * 7) + (j * 3) + (k / 3)) % 3], evidence = "Seen in the review record." }),
                overall = Grades[(k + (k / 4)) % 3],
            };
            await Scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", body);
            await Scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", body);
        }
    }
}

public sealed class DashboardTests(DashboardWorld world) : IClassFixture<DashboardWorld>
{
    private readonly AuditClient _psw = world.Scenario.Psw;

    /// <summary>One final grade as the test reads it: the audit's team, area and moment taken from the audit and its history.</summary>
    private sealed record Row(Guid AuditId, int Position, ServiceArea Area, Guid TeamId, Grade Grade, DateTimeOffset At);

    private sealed record AuditRow(Guid AuditId, ServiceArea Area, Guid TeamId, Grade Overall, DateTimeOffset At);

    private sealed record Facts(List<Row> Grades, List<AuditRow> Audits, List<(Guid Id, int Position)> Criteria, List<(Guid Id, string ServiceManager, ServiceArea Area)> Teams);

    private Task<Facts> FactsAsync() => world.Factory.WithDbAsync(async db =>
    {
        var positions = await db.Criteria.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Position);
        var audits = await db.Audits.AsNoTracking().Include(a => a.History).Include(a => a.FinalGrades).Where(a => a.FinalGrades.Any()).ToListAsync();
        DateTimeOffset FinalAt(CaseFileAudit a) =>
            a.History.Where(h => h.ToState is "ActionsOpen" or "Completed").Min(h => h.At);
        var grades = audits.SelectMany(a => a.FinalGrades.Select(f => new Row(a.Id, positions[f.CriterionId], a.ServiceArea, a.TeamId, f.Grade, FinalAt(a)))).ToList();
        var overall = audits.Where(a => a.FinalOverall is not null).Select(a => new AuditRow(a.Id, a.ServiceArea, a.TeamId, a.FinalOverall!.Value, FinalAt(a))).ToList();
        var criteria = (await db.Criteria.AsNoTracking().Where(c => c.TemplateId == world.FirstVersion).ToListAsync()).OrderBy(c => c.Position).Select(c => (c.Id, c.Position)).ToList();
        var teams = (await db.Teams.AsNoTracking().ToListAsync()).Select(t => (t.Id, t.ServiceManager, t.ServiceArea)).ToList();
        return new Facts(grades, overall, criteria, teams);
    });

    /// <summary>The Wilson score interval, written out again here: centre and spread at z = 1.96.</summary>
    private static (decimal Low, decimal High)? Wilson(int k, int n)
    {
        if (n == 0)
        {
            return null;
        }

        const double z = 1.959963984540054;
        var p = (double)k / n;
        var centre = (p + (z * z / (2 * n))) / (1 + (z * z / n));
        var spread = z / (1 + (z * z / n)) * Math.Sqrt((p * (1 - p) / n) + (z * z / (4.0 * n * n)));
        static decimal Pct(double x) => Math.Round((decimal)(Math.Clamp(x, 0, 1) * 100), 1, MidpointRounding.AwayFromZero);
        return (k == 0 ? 0m : Pct(centre - spread), k == n ? 100m : Pct(centre + spread));
    }

    private static void ShouldBeTheShare(JsonNode? share, int good, int total)
    {
        share!["goodOrBetter"]!.GetValue<int>().ShouldBe(good);
        share["total"]!.GetValue<int>().ShouldBe(total);
        if (total == 0)
        {
            share["percent"].ShouldBeNull();
            share["ci"].ShouldBeNull();
        }
        else
        {
            share["percent"]!.GetValue<decimal>().ShouldBe(Math.Round(100m * good / total, 1, MidpointRounding.AwayFromZero));
            var (low, high) = Wilson(good, total)!.Value;
            share["ci"]!["low"]!.GetValue<decimal>().ShouldBe(low);
            share["ci"]!["high"]!.GetValue<decimal>().ShouldBe(high);
        }

        share["smallSample"]!.GetValue<bool>().ShouldBe(total < 10);
    }

    private static (int Good, int Total) Count<T>(IEnumerable<T> rows, Func<T, Grade> grade)
    {
        var list = rows.ToList();
        return (list.Count(r => grade(r) >= Grade.Good), list.Count);
    }

    private async Task ShouldMatchTheGridAsync(AuditClient caller, string query, Func<Guid, bool> visibleTeam, DateTimeOffset? from, DateTimeOffset? to, ServiceArea? area, Guid? team)
    {
        var facts = await FactsAsync();
        bool In(DateTimeOffset at, ServiceArea a, Guid t) =>
            (from is null || at >= from) && (to is null || at < to) && (area is null || a == area) && (team is null || t == team) && visibleTeam(t);

        var dashboard = await caller.GetOkAsync($"/api/dashboard?templateId={world.FirstVersion}{query}");

        var audits = facts.Audits.Where(a => In(a.At, a.Area, a.TeamId)).ToList();
        var (good, total) = Count(audits, a => a.Overall);
        total.ShouldBeGreaterThan(0);
        ShouldBeTheShare(dashboard["overall"], good, total);

        var cells = dashboard.Arr("cells");
        cells.Count.ShouldBe(facts.Criteria.Count * (area is null ? 6 : 1));
        foreach (var cell in cells)
        {
            var position = facts.Criteria.Single(c => c.Id == cell.Id("criterionId")).Position;
            var cellArea = Enum.Parse<ServiceArea>(cell.Str("serviceArea"));
            var (cellGood, cellTotal) = Count(facts.Grades.Where(g => g.Position == position && g.Area == cellArea && In(g.At, g.Area, g.TeamId)), g => g.Grade);
            ShouldBeTheShare(cell, cellGood, cellTotal);
        }
    }

    [Fact]
    public async Task TheGridCountsEveryVersionOfTheTemplateAndMatchesAnIndependentCount()
    {
        await ShouldMatchTheGridAsync(_psw, "", _ => true, null, null, null, null);

        var dashboard = await _psw.GetOkAsync($"/api/dashboard?templateId={world.FirstVersion}");
        dashboard["overall"]!["total"]!.GetValue<int>().ShouldBe(16);
        var second = await _psw.GetOkAsync($"/api/dashboard?templateId={world.SecondVersion}");
        second["overall"]!["total"]!.GetValue<int>().ShouldBe(16);
    }

    [Fact]
    public async Task FromIsIncludedAndToIsNot()
    {
        await ShouldMatchTheGridAsync(_psw, "&to=2026-12-01", _ => true, null, DashboardWorld.FirstOfDecember, null, null);
        await ShouldMatchTheGridAsync(_psw, "&from=2026-12-01&to=2027-01-01", _ => true, DashboardWorld.FirstOfDecember, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), null, null);

        (await _psw.GetOkAsync($"/api/dashboard?templateId={world.FirstVersion}&to=2026-12-01"))["overall"]!["total"]!.GetValue<int>().ShouldBe(6);
        (await _psw.GetOkAsync($"/api/dashboard?templateId={world.FirstVersion}&from=2026-12-01&to=2026-12-02"))["overall"]!["total"]!.GetValue<int>().ShouldBe(6);
        (await _psw.GetOkAsync($"/api/dashboard?templateId={world.FirstVersion}&from=2026-12-02"))["overall"]!["total"]!.GetValue<int>().ShouldBe(4);
    }

    [Fact]
    public async Task TheServiceAreaAndTeamFiltersNarrowTheCount()
    {
        var facts = await FactsAsync();
        var team = facts.Audits.GroupBy(a => a.TeamId).OrderByDescending(g => g.Count()).First().Key;

        await ShouldMatchTheGridAsync(_psw, "&serviceArea=ChildProtection", _ => true, null, null, ServiceArea.ChildProtection, null);
        await ShouldMatchTheGridAsync(_psw, $"&teamId={team}", _ => true, null, null, null, team);
    }

    [Fact]
    public async Task AServiceManagerSeesOnlyTheirServicesTeams()
    {
        var facts = await FactsAsync();
        var theirs = facts.Teams.Where(t => t.ServiceManager == DemoUsers.ServiceManager).Select(t => t.Id).ToHashSet();
        var manager = world.Factory.ClientFor(DemoUsers.ServiceManager);

        await ShouldMatchTheGridAsync(manager, "", theirs.Contains, null, null, null, null);

        var teams = await manager.GetOkAsync($"/api/dashboard/teams?templateId={world.FirstVersion}");
        teams.Arr("teams").Select(t => t.Id("teamId")).ToHashSet().SetEquals(theirs).ShouldBeTrue();

        var trend = await manager.GetOkAsync($"/api/dashboard/trend?templateId={world.FirstVersion}&by=quarter");
        trend.Arr("periods").Sum(p => p!["overall"]!["total"]!.GetValue<int>()).ShouldBe(facts.Audits.Count(a => theirs.Contains(a.TeamId)));
    }

    [Theory]
    [InlineData("month")]
    [InlineData("quarter")]
    public async Task TheTrendBucketsEachAuditInThePeriodItsGradesBecameFinal(string by)
    {
        var facts = await FactsAsync();
        string Label(DateTimeOffset at) => by == "month"
            ? at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : $"{at.UtcDateTime.Year}-Q{((at.UtcDateTime.Month - 1) / 3) + 1}";

        var trend = await _psw.GetOkAsync($"/api/dashboard/trend?templateId={world.FirstVersion}&by={by}");

        var periods = trend.Arr("periods");
        periods.Select(p => p.Str("period")).ShouldBe(by == "month" ? ["2026-11", "2026-12", "2027-01"] : ["2026-Q4", "2027-Q1"]);
        foreach (var period in periods)
        {
            var label = period.Str("period");
            var (good, total) = Count(facts.Audits.Where(a => Label(a.At) == label), a => a.Overall);
            ShouldBeTheShare(period!["overall"], good, total);
            foreach (var cell in period.Arr("criteria"))
            {
                var position = facts.Criteria.Single(c => c.Id == cell.Id("criterionId")).Position;
                var (cellGood, cellTotal) = Count(facts.Grades.Where(g => g.Position == position && Label(g.At) == label), g => g.Grade);
                ShouldBeTheShare(cell, cellGood, cellTotal);
            }
        }
    }

    [Fact]
    public async Task TheTrendKeepsEmptyPeriodsInsideTheRangeAskedFor()
    {
        var trend = await _psw.GetOkAsync($"/api/dashboard/trend?templateId={world.FirstVersion}&from=2026-10-01&to=2027-03-01");

        trend.Arr("periods").Select(p => p.Str("period")).ShouldBe(["2026-10", "2026-11", "2026-12", "2027-01", "2027-02"]);
        trend.Arr("periods")[0]!["overall"]!["total"]!.GetValue<int>().ShouldBe(0);
        trend.Arr("periods")[0]!["overall"]!["ci"].ShouldBeNull();
    }

    [Fact]
    public async Task TheTeamComparisonMatchesAnIndependentCountPerTeam()
    {
        var facts = await FactsAsync();

        var answer = await _psw.GetOkAsync($"/api/dashboard/teams?templateId={world.FirstVersion}&from=2026-11-01");

        answer.Arr("teams").Count.ShouldBe(facts.Teams.Count);
        foreach (var team in answer.Arr("teams"))
        {
            var (good, total) = Count(facts.Audits.Where(a => a.TeamId == team.Id("teamId")), a => a.Overall);
            ShouldBeTheShare(team, good, total);
        }
    }

    [Theory]
    [InlineData("&from=2026-13-01", "from")]
    [InlineData("&to=yesterday", "to")]
    [InlineData("&from=2026-12-01&to=2026-12-01", "to")]
    [InlineData("&serviceArea=Nowhere", "serviceArea")]
    [InlineData("&by=week", "by")]
    public async Task RefusesABadFilterAsAProblemNamingTheField(string query, string field)
    {
        var response = await _psw.GetAsync($"/api/dashboard/trend?templateId={world.FirstVersion}{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Scenario.AsJsonAsync(response))["errors"]![field].ShouldNotBeNull();
    }

    [Fact]
    public async Task AnUnknownTemplateIsNotFound()
    {
        (await _psw.GetAsync($"/api/dashboard?templateId={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _psw.GetAsync($"/api/dashboard/trend?templateId={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _psw.GetAsync($"/api/dashboard/teams?templateId={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FinalGradesCarryTheAuditsTeamAndTheMomentTheyBecameFinal()
    {
        var rows = await world.Factory.WithDbAsync(async db =>
            (await db.FinalGrades.AsNoTracking().ToListAsync()).Join(await db.Audits.AsNoTracking().ToListAsync(), f => f.AuditId, a => a.Id, (f, a) => (f, a)).ToList());

        rows.Count.ShouldBeGreaterThan(0);
        rows.ShouldAllBe(x => x.f.TeamId == x.a.TeamId && x.f.FinalisedAt == x.a.FinalisedAt);
        rows.Select(x => x.f.FinalisedAt).Distinct().OrderBy(t => t).ShouldBe([DashboardWorld.November, DashboardWorld.FirstOfDecember, DashboardWorld.January]);
    }
}
