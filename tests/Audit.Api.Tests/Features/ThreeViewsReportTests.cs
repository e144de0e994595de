using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Audit.Domain.Grading;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

/// <summary>Every figure of the three-views report equals the same figure worked out here over the rows read from the database.</summary>
public sealed class ThreeViewsReportTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    private const string Period = "from=2026-11-01&to=2027-01-01";

    private sealed record Expected(string Period, string ServiceArea, int Children, int WithAccount, int Statements, int BeforeReview, int Contributed, (int Good, int Total) Auditor, (int Good, int Total) YoungAssessor, Dictionary<Guid, ((int, int) Auditor, (int, int) YoungAssessor)> Criteria);

    /// <summary>The report worked out in memory from plain rows: audits whose grades became final, their gradings, and the app's evidence.</summary>
    private async Task<List<Expected>> ExpectedAsync(Func<Audit.Domain.Teams.ServiceArea, Guid, bool> visible)
    {
        var (audits, gradings, evidence, atLeast) = await world.App.WithDbAsync(async db =>
        {
            var audits = await db.Audits.AsNoTracking().Select(a => new { a.Id, a.TemplateId, a.CaseFileId, a.ServiceArea, a.TeamId, a.ActionsRaisedAt, a.CompletedAt }).ToListAsync();
            var gradings = await db.Gradings.AsNoTracking().Include(g => g.Grades).ToListAsync();
            var evidence = await db.ParticipationEvidence.AsNoTracking().ToListAsync();
            var template = await db.Templates.AsNoTracking().SingleAsync(t => t.Id == world.TemplateId);
            return (audits, gradings, evidence, template.Target.AtLeast);
        });

        var final = audits
            .Where(a => a.TemplateId == world.TemplateId && visible(a.ServiceArea, a.TeamId))
            .Select(a => new { Audit = a, At = a.ActionsRaisedAt ?? a.CompletedAt })
            .Where(a => a.At is { } at && at >= new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero) && at < new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Select(a => new { a.Audit, Month = $"{a.At!.Value.UtcDateTime:yyyy-MM}" })
            .ToList();

        (int, int) Count(IEnumerable<Grade> grades) => (grades.Count(g => g >= atLeast), grades.Count());

        return final
            .GroupBy(a => (a.Month, a.Audit.ServiceArea))
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.ServiceArea)
            .Select(g =>
            {
                var children = g.Select(a => a.Audit.CaseFileId).Distinct().ToList();
                var theirs = children.Select(c => evidence.SingleOrDefault(e => e.CaseFileId == c && e.Month == g.Key.Month)).ToList();
                var auditIds = g.Select(a => a.Audit.Id).ToHashSet();
                var graded = gradings.Where(x => auditIds.Contains(x.AuditId)).ToList();
                IEnumerable<Grade> By(GraderRole role, Guid? criterion = null) =>
                    graded.Where(x => x.Role == role).SelectMany(x => x.Grades).Where(x => criterion is null || x.CriterionId == criterion).Select(x => x.Grade);
                var criteria = graded.SelectMany(x => x.Grades).Select(x => x.CriterionId).Distinct()
                    .ToDictionary(c => c, c => (Count(By(GraderRole.Auditor, c)), Count(By(GraderRole.YoungAssessor, c))));
                return new Expected(
                    g.Key.Month,
                    g.Key.ServiceArea.ToString(),
                    children.Count,
                    theirs.Count(e => e?.HasAccount == true),
                    theirs.Sum(e => e?.Statements ?? 0),
                    theirs.Sum(e => e?.StatementsBeforeReview ?? 0),
                    theirs.Count(e => e?.ContributedToReview == true),
                    Count(By(GraderRole.Auditor)),
                    Count(By(GraderRole.YoungAssessor)),
                    criteria);
            })
            .ToList();
    }

    private static (int, int) ShareOf(JsonNode? share) => (share!["goodOrBetter"]!.GetValue<int>(), share["total"]!.GetValue<int>());

    private static decimal? Percent(int part, int total) => total == 0 ? null : Math.Round(100m * part / total, 1);

    private static void ShouldMatch(JsonArray rows, List<Expected> expected)
    {
        rows.Select(r => (r.Str("period"), r.Str("serviceArea"))).ShouldBe(expected.Select(e => (e.Period, e.ServiceArea)));
        foreach (var (row, want) in rows.Zip(expected))
        {
            var where = $"{want.Period} {want.ServiceArea}";
            (row!["children"]!.GetValue<int>(), row["withAccount"]!.GetValue<int>(), row["statements"]!.GetValue<int>(), row["statementsBeforeReview"]!.GetValue<int>(), row["contributedToReview"]!.GetValue<int>())
                .ShouldBe((want.Children, want.WithAccount, want.Statements, want.BeforeReview, want.Contributed), where);
            row["withAccountPercent"]?.GetValue<decimal>().ShouldBe(Percent(want.WithAccount, want.Children)!.Value, where);
            row["contributedPercent"]?.GetValue<decimal>().ShouldBe(Percent(want.Contributed, want.Children)!.Value, where);
            ShareOf(row["auditor"]).ShouldBe(want.Auditor, where);
            ShareOf(row["youngAssessor"]).ShouldBe(want.YoungAssessor, where);
            row["auditor"]!["percent"]!.GetValue<decimal>().ShouldBe(Percent(want.Auditor.Good, want.Auditor.Total)!.Value, where);
            row["youngAssessor"]!["percent"]!.GetValue<decimal>().ShouldBe(Percent(want.YoungAssessor.Good, want.YoungAssessor.Total)!.Value, where);
            foreach (var criterion in row.Arr("criteria"))
            {
                var (auditor, youngAssessor) = want.Criteria[criterion.Id("criterionId")];
                (ShareOf(criterion!["auditor"]), ShareOf(criterion["youngAssessor"])).ShouldBe((auditor, youngAssessor), $"{where} {criterion.Str("criterion")}");
            }
        }
    }

    [Fact]
    public async Task EveryFigureEqualsTheSameWorkedOutFromTheRows()
    {
        var report = await world.Scenario.Psw.GetOkAsync($"/api/reports/three-views?templateId={world.TemplateId}&{Period}");

        var expected = await ExpectedAsync((_, _) => true);
        expected.Select(e => e.Period).Distinct().ShouldBe(["2026-11", "2026-12"], "the seeded audits became final in both months");
        expected.Sum(e => e.Children).ShouldBe(14, "the audit still waiting for its young assessor is not counted");
        expected.Sum(e => e.WithAccount).ShouldBeGreaterThan(0);
        ShouldMatch(report.Arr("rows"), expected);
        report.Str("goodOrBetter").ShouldBe("Good");
    }

    [Fact]
    public async Task AServiceAreaFilterKeepsThatAreasRowsWithTheSameFigures()
    {
        var all = await ExpectedAsync((_, _) => true);
        var area = all.GroupBy(e => e.ServiceArea).OrderByDescending(g => g.Count()).First().Key;

        var report = await world.Scenario.Psw.GetOkAsync($"/api/reports/three-views?templateId={world.TemplateId}&{Period}&serviceArea={area}");

        ShouldMatch(report.Arr("rows"), all.Where(e => e.ServiceArea == area).ToList());
    }

    [Fact]
    public async Task AServiceManagerSeesOnlyTheirOwnService()
    {
        var teams = await world.App.WithDbAsync(db => db.Teams.Where(t => t.ServiceManager == DemoUsers.ServiceManager).Select(t => t.Id).ToListAsync());
        teams.ShouldNotBeEmpty();

        var report = await world.App.ClientFor(DemoUsers.ServiceManager).GetOkAsync($"/api/reports/three-views?templateId={world.TemplateId}&{Period}");

        var expected = await ExpectedAsync((_, team) => teams.Contains(team));
        expected.Count.ShouldBeLessThan((await ExpectedAsync((_, _) => true)).Count);
        ShouldMatch(report.Arr("rows"), expected);
    }

    [Fact]
    public async Task AMonthOutsideThePeriodIsLeftOut()
    {
        var report = await world.Scenario.Psw.GetOkAsync($"/api/reports/three-views?templateId={world.TemplateId}&from=2026-12-01&to=2027-01-01");

        report.Arr("rows").Select(r => r.Str("period")).Distinct().ShouldBe(["2026-12"]);
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("&from=2026-12-01&to=2026-11-01", HttpStatusCode.BadRequest)]
    [InlineData("&from=2020-01-01&to=2026-11-01", HttpStatusCode.BadRequest)]
    public async Task RefusesAMissingTemplateOrAPeriodThatEndsBeforeItStartsOrRunsOverThreeYears(string query, HttpStatusCode status)
    {
        var template = query.Length == 0 ? "" : $"templateId={world.TemplateId}";

        (await world.Scenario.Psw.GetAsync($"/api/reports/three-views?{template}{query}")).StatusCode.ShouldBe(status);
    }

    [Fact]
    public async Task AnUnknownTemplateIsNotFound() =>
        (await world.Scenario.Psw.GetAsync($"/api/reports/three-views?templateId={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
}
