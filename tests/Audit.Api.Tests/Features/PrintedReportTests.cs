using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Audit.Domain.Actions;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

/// <summary>
/// The rows of the seeded <see cref="ReportWorld"/> read back plainly, and the figures of the printed reports worked out
/// from them again here, in LINQ to objects, without the app's queries.
/// </summary>
internal sealed class PrintedFacts
{
    public sealed record AuditRow(Guid Id, Guid TeamId, ServiceArea Area, Guid CaseFileId, Grade? Overall, DateTimeOffset? FinalisedAt, DateTimeOffset? ThreeViewsAt);

    public sealed record GradeRow(Guid AuditId, int Position, Guid TeamId, ServiceArea Area, Grade Grade, DateTimeOffset At);

    public sealed record ActionRow(Guid TeamId, int Position, ActionStatus Status, DateTimeOffset RaisedAt, DateOnly DueOn, DateTimeOffset? ClosedAt, string WhatChanged, string Reference, string Worker);

    public sealed record GradingRow(Guid AuditId, string Grader, GraderRole Role, Dictionary<Guid, Grade> Grades);

    public required List<AuditRow> Audits { get; init; }
    public required List<GradeRow> Grades { get; init; }
    public required List<ActionRow> Actions { get; init; }
    public required List<GradingRow> Gradings { get; init; }
    public required List<(Guid Id, int Position)> Criteria { get; init; }
    public required List<(Guid Id, string ServiceManager)> Teams { get; init; }
    public required List<Audit.Domain.CaseFiles.ParticipationEvidence> Evidence { get; init; }
    public int TargetPercent { get; init; }

    public static Task<PrintedFacts> ReadAsync(ReportWorld world) => world.App.WithDbAsync(async db =>
    {
        var criteria = await db.Criteria.AsNoTracking().Where(c => c.TemplateId == world.TemplateId).ToListAsync();
        var positions = criteria.ToDictionary(c => c.Id, c => c.Position);
        var template = await db.Templates.AsNoTracking().SingleAsync(t => t.Id == world.TemplateId);
        var audits = await db.Audits.AsNoTracking().Include(a => a.FinalGrades).Where(a => a.TemplateId == world.TemplateId).ToListAsync();
        var caseFiles = await db.CaseFiles.AsNoTracking().ToDictionaryAsync(c => c.Id);
        var teams = await db.Teams.AsNoTracking().ToListAsync();
        var actions = await db.Actions.AsNoTracking().ToListAsync();
        var gradings = await db.Gradings.AsNoTracking().Include(g => g.Grades).ToListAsync();
        return new PrintedFacts
        {
            TargetPercent = template.Target.Percent,
            Audits = audits.Select(a => new AuditRow(a.Id, a.TeamId, a.ServiceArea, a.CaseFileId, a.FinalOverall, a.FinalisedAt, a.ActionsRaisedAt ?? a.CompletedAt)).ToList(),
            Grades = audits.SelectMany(a => a.FinalGrades.Select(f => new GradeRow(a.Id, positions[f.CriterionId], a.TeamId, a.ServiceArea, f.Grade, f.FinalisedAt))).ToList(),
            Actions = actions.Select(x =>
            {
                var audit = audits.Single(a => a.Id == x.AuditId);
                var caseFile = caseFiles[audit.CaseFileId];
                return new ActionRow(x.TeamId, positions[x.CriterionId], x.Status, x.RaisedAt, x.DueOn, x.ClosedAt, x.WhatChanged ?? "", caseFile.Reference, caseFile.AllocatedWorker);
            }).ToList(),
            Gradings = gradings.Where(g => audits.Any(a => a.Id == g.AuditId)).Select(g => new GradingRow(g.AuditId, g.Grader, g.Role, g.Grades.ToDictionary(x => x.CriterionId, x => x.Grade))).ToList(),
            Criteria = criteria.OrderBy(c => c.Position).Select(c => (c.Id, c.Position)).ToList(),
            Teams = teams.Select(t => (t.Id, t.ServiceManager)).ToList(),
            Evidence = await db.ParticipationEvidence.AsNoTracking().ToListAsync(),
        };
    });

    public static DateTimeOffset At(int year, int month) => new(year, month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The Wilson score interval, written out again: centre and spread at z = 1.96.</summary>
    public static (decimal Low, decimal High)? Wilson(int k, int n)
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

    public static decimal? Percent(int good, int total) => total == 0 ? null : Math.Round(100m * good / total, 1, MidpointRounding.AwayFromZero);

    public static (int Good, int Total) Count(IEnumerable<Grade> grades)
    {
        var list = grades.ToList();
        return (list.Count(g => g >= Grade.Good), list.Count);
    }

    /// <summary>A share as the reports answer it: counts, percent, interval, small sample and the target met or not.</summary>
    public void ShouldBeTheShare(JsonNode? share, (int Good, int Total) count, string where)
    {
        var (good, total) = count;
        share!["goodOrBetter"]!.GetValue<int>().ShouldBe(good, where);
        share["total"]!.GetValue<int>().ShouldBe(total, where);
        share["smallSample"]!.GetValue<bool>().ShouldBe(total < 10, where);
        if (total == 0)
        {
            share["percent"].ShouldBeNull(where);
            share["meetsTarget"]!.GetValue<bool>().ShouldBeFalse(where);
            return;
        }

        var percent = Percent(good, total)!.Value;
        share["percent"]!.GetValue<decimal>().ShouldBe(percent, where);
        var (low, high) = Wilson(good, total)!.Value;
        share["ci"]!["low"]!.GetValue<decimal>().ShouldBe(low, where);
        share["ci"]!["high"]!.GetValue<decimal>().ShouldBe(high, where);
        share["meetsTarget"]!.GetValue<bool>().ShouldBe(percent >= TargetPercent, where);
    }

    /// <summary>Cohen's kappa with quadratic weights on the four-point scale, written out again from the pairs.</summary>
    public static decimal? QuadraticKappa(IReadOnlyList<(Grade A, Grade B)> pairs)
    {
        if (pairs.Count == 0)
        {
            return null;
        }

        double n = pairs.Count;
        double observed = 0, expected = 0;
        for (var i = 1; i <= 4; i++)
        {
            for (var j = 1; j <= 4; j++)
            {
                var weight = (i - j) * (i - j) / 9.0;
                observed += weight * pairs.Count(p => p.A.Points() == i && p.B.Points() == j);
                expected += weight * pairs.Count(p => p.A.Points() == i) * pairs.Count(p => p.B.Points() == j) / n;
            }
        }

        return expected == 0 ? null : Math.Round((decimal)(1 - (observed / expected)), 3);
    }
}

public sealed class MonthlyReportTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    private async Task ShouldMatchAsync(AuditClient caller, int year, int month, Func<Guid, bool> visible)
    {
        var facts = await PrintedFacts.ReadAsync(world);
        var (start, end, before) = (PrintedFacts.At(year, month), PrintedFacts.At(year, month).AddMonths(1), PrintedFacts.At(year, month).AddMonths(-1));
        var endDay = DateOnly.FromDateTime(end.UtcDateTime);
        bool In(DateTimeOffset? at, DateTimeOffset from, DateTimeOffset to) => at is { } x && x >= from && x < to;

        var report = await caller.GetOkAsync($"/api/reports/monthly?templateId={world.TemplateId}&month={year}-{month:00}");

        report.Str("month").ShouldBe($"{year}-{month:00}");
        var audits = facts.Audits.Where(a => a.Overall is not null && visible(a.TeamId)).ToList();
        var now = PrintedFacts.Count(audits.Where(a => In(a.FinalisedAt, start, end)).Select(a => a.Overall!.Value));
        var then = PrintedFacts.Count(audits.Where(a => In(a.FinalisedAt, before, start)).Select(a => a.Overall!.Value));
        facts.ShouldBeTheShare(report["overall"], now, "overall");
        facts.ShouldBeTheShare(report["previousOverall"], then, "previous overall");
        report["change"]!["audits"]!.GetValue<int>().ShouldBe(now.Total - then.Total);
        report["change"]!["percentagePoints"]?.GetValue<decimal>().ShouldBe(PrintedFacts.Percent(now.Good, now.Total)!.Value - PrintedFacts.Percent(then.Good, then.Total)!.Value);
        if (then.Total == 0)
        {
            report["change"]!["percentagePoints"].ShouldBeNull();
        }

        var teams = report.Arr("teams");
        teams.Select(t => t.Id("teamId")).ToHashSet().SetEquals(facts.Teams.Where(t => visible(t.Id)).Select(t => t.Id)).ShouldBeTrue("every team the caller sees, and no other");
        foreach (var team in teams)
        {
            var id = team.Id("teamId");
            var where = team.Str("team");
            var mine = audits.Where(a => a.TeamId == id).ToList();
            var share = PrintedFacts.Count(mine.Where(a => In(a.FinalisedAt, start, end)).Select(a => a.Overall!.Value));
            var previous = PrintedFacts.Count(mine.Where(a => In(a.FinalisedAt, before, start)).Select(a => a.Overall!.Value));
            facts.ShouldBeTheShare(team!["share"], share, where);
            facts.ShouldBeTheShare(team["previous"], previous, where + " before");
            team["change"]!["audits"]!.GetValue<int>().ShouldBe(share.Total - previous.Total, where);

            foreach (var principle in team.Arr("principles"))
            {
                var position = principle!["position"]!.GetValue<int>();
                var grades = facts.Grades.Where(g => g.TeamId == id && g.Position == position && In(g.At, start, end)).Select(g => g.Grade);
                facts.ShouldBeTheShare(principle["share"], PrintedFacts.Count(grades), $"{where} principle {position}");
            }

            var actions = facts.Actions.Where(a => a.TeamId == id).ToList();
            team["actions"]!["raised"]!.GetValue<int>().ShouldBe(actions.Count(a => In(a.RaisedAt, start, end)), where);
            team["actions"]!["closed"]!.GetValue<int>().ShouldBe(actions.Count(a => a.Status == ActionStatus.Closed && In(a.ClosedAt, start, end)), where);
            team["actions"]!["overdue"]!.GetValue<int>().ShouldBe(
                actions.Count(a => a.Status != ActionStatus.Cancelled && a.RaisedAt < end && a.DueOn < endDay && !(a.Status == ActionStatus.Closed && a.ClosedAt < end)),
                where);
        }

        report["actions"]!["raised"]!.GetValue<int>().ShouldBe(teams.Sum(t => t!["actions"]!["raised"]!.GetValue<int>()));
        report["actions"]!["closed"]!.GetValue<int>().ShouldBe(teams.Sum(t => t!["actions"]!["closed"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData(2026, 11)]
    [InlineData(2026, 12)]
    public async Task EveryFigureOfTheMonthEqualsTheSameWorkedOutFromTheRows(int year, int month) =>
        await ShouldMatchAsync(world.Scenario.Psw, year, month, _ => true);

    [Fact]
    public async Task TheSeededMonthsHaveAuditsActionsAndAChangeToReport()
    {
        var december = await world.Scenario.Psw.GetOkAsync($"/api/reports/monthly?templateId={world.TemplateId}&month=2026-12");

        december["overall"]!["total"]!.GetValue<int>().ShouldBe(7);
        december["previousOverall"]!["total"]!.GetValue<int>().ShouldBe(7);
        december["change"]!["percentagePoints"].ShouldNotBeNull();
        december["actions"]!["raised"]!.GetValue<int>().ShouldBeGreaterThan(0);
        december["actions"]!["closed"]!.GetValue<int>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task WithoutAMonthItIsTheLastCompleteMonth()
    {
        // The world's clock stands in December 2026, so the last complete month is November.
        var report = await world.Scenario.Psw.GetOkAsync($"/api/reports/monthly?templateId={world.TemplateId}");

        report.Str("month").ShouldBe("2026-11");
        report.Str("previousMonth").ShouldBe("2026-10");
        report["overall"]!["total"]!.GetValue<int>().ShouldBe(7);
    }

    [Fact]
    public async Task AServiceManagerSeesTheirServicesTeamsAlone()
    {
        var theirs = (await PrintedFacts.ReadAsync(world)).Teams.Where(t => t.ServiceManager == DemoUsers.ServiceManager).Select(t => t.Id).ToHashSet();
        theirs.ShouldNotBeEmpty();

        await ShouldMatchAsync(world.App.ClientFor(DemoUsers.ServiceManager), 2026, 12, theirs.Contains);
    }

    [Fact]
    public async Task ATeamManagerSeesEveryTeamAsOnTheDashboard()
    {
        var manager = await world.App.WithDbAsync(db => db.Teams.OrderBy(t => t.Name).Select(t => t.TeamManager).FirstAsync());

        await ShouldMatchAsync(world.App.ClientFor(manager), 2026, 12, _ => true);
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("&month=2026-13", HttpStatusCode.BadRequest)]
    [InlineData("&month=November", HttpStatusCode.BadRequest)]
    public async Task RefusesAMissingTemplateOrAMonthThatIsNotOne(string query, HttpStatusCode status)
    {
        var template = query.Length == 0 ? "" : $"templateId={world.TemplateId}";

        var response = await world.Scenario.Psw.GetAsync($"/api/reports/monthly?{template}{query}");

        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task AnUnknownTemplateIsNotFound() =>
        (await world.Scenario.Psw.GetAsync($"/api/reports/monthly?templateId={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
}

public sealed class BoardReportTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    private static readonly DateTimeOffset Start = PrintedFacts.At(2026, 4);
    private static readonly DateTimeOffset End = PrintedFacts.At(2027, 4);

    private static bool InYear(DateTimeOffset? at) => at is { } x && x >= Start && x < End;

    private async Task ShouldMatchAsync(AuditClient caller, Func<Guid, bool> visible)
    {
        var facts = await PrintedFacts.ReadAsync(world);
        var report = await caller.GetOkAsync($"/api/reports/board?templateId={world.TemplateId}&year=2026");

        report["year"]!.GetValue<int>().ShouldBe(2026);
        report.Str("from").ShouldBe("2026-04-01");
        report.Str("to").ShouldBe("2027-04-01");

        // The headline and its trend by quarter.
        var audits = facts.Audits.Where(a => a.Overall is not null && visible(a.TeamId) && InYear(a.FinalisedAt)).ToList();
        audits.ShouldNotBeEmpty();
        facts.ShouldBeTheShare(report["headline"]!["overall"], PrintedFacts.Count(audits.Select(a => a.Overall!.Value)), "headline");
        var periods = report["trend"].Arr("periods");
        periods.Select(p => p.Str("period")).ShouldBe(["2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"]);
        foreach (var period in periods)
        {
            var from = DateTimeOffset.Parse(period.Str("start") + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
            var inQuarter = audits.Where(a => a.FinalisedAt >= from && a.FinalisedAt < from.AddMonths(3)).Select(a => a.Overall!.Value);
            facts.ShouldBeTheShare(period!["overall"], PrintedFacts.Count(inQuarter), period.Str("period"));
        }

        // Principles by service area.
        var grades = facts.Grades.Where(g => visible(g.TeamId) && InYear(g.At)).ToList();
        foreach (var cell in report["headline"].Arr("cells"))
        {
            var position = facts.Criteria.Single(c => c.Id == cell.Id("criterionId")).Position;
            var area = Enum.Parse<ServiceArea>(cell.Str("serviceArea"));
            facts.ShouldBeTheShare(cell, PrintedFacts.Count(grades.Where(g => g.Position == position && g.Area == area).Select(g => g.Grade)), $"{position} {area}");
        }

        // Young assessors' involvement.
        var counted = audits.Select(a => a.Id).ToHashSet();
        var byYoungAssessors = facts.Gradings.Where(g => g.Role == GraderRole.YoungAssessor && counted.Contains(g.AuditId)).ToList();
        var involvement = report["youngAssessors"]!;
        involvement["audits"]!.GetValue<int>().ShouldBe(audits.Count);
        involvement["gradedByYoungAssessor"]!.GetValue<int>().ShouldBe(byYoungAssessors.Select(g => g.AuditId).Distinct().Count());
        involvement["youngAssessors"]!.GetValue<int>().ShouldBe(byYoungAssessors.Select(g => g.Grader).Distinct().Count());
        involvement["percent"]!.GetValue<decimal>().ShouldBe(PrintedFacts.Percent(byYoungAssessors.Select(g => g.AuditId).Distinct().Count(), audits.Count)!.Value);

        // Agreement between the auditor and the young assessor, criterion by criterion, over the audits counted.
        var pairs = (
            from auditor in facts.Gradings.Where(g => g.Role == GraderRole.Auditor && counted.Contains(g.AuditId))
            join young in facts.Gradings.Where(g => g.Role == GraderRole.YoungAssessor) on auditor.AuditId equals young.AuditId
            from grade in auditor.Grades
            where young.Grades.ContainsKey(grade.Key)
            select (Criterion: grade.Key, A: grade.Value, B: young.Grades[grade.Key])).ToList();
        pairs.ShouldNotBeEmpty();
        var agreement = report["agreement"]!["overall"]!;
        agreement["pairs"]!.GetValue<int>().ShouldBe(pairs.Count);
        agreement["exactAgreement"]!.GetValue<decimal>().ShouldBe(Math.Round(100m * pairs.Count(p => p.A == p.B) / pairs.Count, 1));
        agreement["weightedKappa"]?.GetValue<decimal>().ShouldBe(PrintedFacts.QuadraticKappa(pairs.Select(p => (p.A, p.B)).ToList())!.Value);
        foreach (var principle in report["agreement"].Arr("principles"))
        {
            var mine = pairs.Where(p => p.Criterion == principle.Id("criterionId")).ToList();
            principle!["pairs"]!.GetValue<int>().ShouldBe(mine.Count);
        }

        // The app's evidence, the three-views months added up by service area.
        var placed = facts.Audits.Where(a => visible(a.TeamId) && InYear(a.ThreeViewsAt))
            .Select(a => (a.Area, a.CaseFileId, Month: $"{a.ThreeViewsAt!.Value.UtcDateTime:yyyy-MM}")).Distinct().ToList();
        var voice = report.Arr("voice");
        voice.Select(v => v.Str("serviceArea")).ShouldBe(placed.Select(p => p.Area).Distinct().Order().Select(a => a.ToString()));
        foreach (var row in voice)
        {
            var area = Enum.Parse<ServiceArea>(row.Str("serviceArea"));
            var children = placed.Where(p => p.Area == area).ToList();
            var theirs = children.Select(c => facts.Evidence.SingleOrDefault(e => e.CaseFileId == c.CaseFileId && e.Month == c.Month)).ToList();
            row!["children"]!.GetValue<int>().ShouldBe(children.Count, area.ToString());
            row["withAccount"]!.GetValue<int>().ShouldBe(theirs.Count(e => e?.HasAccount == true), area.ToString());
            row["statements"]!.GetValue<int>().ShouldBe(theirs.Sum(e => e?.Statements ?? 0), area.ToString());
            row["statementsBeforeReview"]!.GetValue<int>().ShouldBe(theirs.Sum(e => e?.StatementsBeforeReview ?? 0), area.ToString());
            row["contributedToReview"]!.GetValue<int>().ShouldBe(theirs.Count(e => e?.ContributedToReview == true), area.ToString());
            var areaAudits = facts.Audits.Where(a => a.Area == area && visible(a.TeamId) && InYear(a.ThreeViewsAt)).Select(a => a.Id).ToHashSet();
            var auditorGrades = facts.Gradings.Where(g => g.Role == GraderRole.Auditor && areaAudits.Contains(g.AuditId)).SelectMany(g => g.Grades.Values);
            var (good, total) = PrintedFacts.Count(auditorGrades);
            (row["auditor"]!["goodOrBetter"]!.GetValue<int>(), row["auditor"]!["total"]!.GetValue<int>()).ShouldBe((good, total), area.ToString());
        }

        // You said, we did: closed actions by principle, with the latest examples and nothing that identifies anyone.
        var closed = facts.Actions.Where(a => a.Status == ActionStatus.Closed && InYear(a.ClosedAt) && visible(a.TeamId)).ToList();
        var themes = report.Arr("themes");
        themes.Select(t => t!["position"]!.GetValue<int>()).ShouldBe(closed.Select(a => a.Position).Distinct().Order());
        foreach (var theme in themes)
        {
            var position = theme!["position"]!.GetValue<int>();
            var mine = closed.Where(a => a.Position == position).ToList();
            theme["closed"]!.GetValue<int>().ShouldBe(mine.Count);
            var examples = theme.Arr("examples");
            examples.Count.ShouldBe(Math.Min(mine.Count, 3));
            foreach (var example in examples)
            {
                var words = example.Str("whatChanged");
                closed.ShouldAllBe(a => !words.Contains(a.Reference, StringComparison.OrdinalIgnoreCase) && !words.Contains(a.Worker, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    [Fact]
    public async Task EveryFigureOfTheYearEqualsTheSameWorkedOutFromTheRows() =>
        await ShouldMatchAsync(world.Scenario.Psw, _ => true);

    [Fact]
    public async Task AServiceManagersReportCoversTheirServicesTeamsAlone()
    {
        var theirs = (await PrintedFacts.ReadAsync(world)).Teams.Where(t => t.ServiceManager == DemoUsers.ServiceManager).Select(t => t.Id).ToHashSet();

        await ShouldMatchAsync(world.App.ClientFor(DemoUsers.ServiceManager), theirs.Contains);
    }

    [Fact]
    public async Task TheBoardReadsNoNamesOfGradersChildrenOrWorkers()
    {
        var facts = await PrintedFacts.ReadAsync(world);
        var text = (await world.Scenario.Psw.GetOkAsync($"/api/reports/board?templateId={world.TemplateId}&year=2026")).ToJsonString();

        foreach (var grader in facts.Gradings.Select(g => g.Grader).Distinct())
        {
            text.ShouldNotContain(grader);
        }

        foreach (var action in facts.Actions)
        {
            text.ShouldNotContain(action.Reference);
            text.ShouldNotContain(action.Worker);
        }
    }

    [Fact]
    public async Task WithoutAYearItIsTheLastCompleteFinancialYear()
    {
        // The world's clock stands in December 2026: the last complete financial year ran from April 2025 to March 2026.
        var report = await world.Scenario.Psw.GetOkAsync($"/api/reports/board?templateId={world.TemplateId}");

        report["year"]!.GetValue<int>().ShouldBe(2025);
        report.Str("label").ShouldBe("April 2025 to March 2026");
        report["headline"]!["overall"]!["total"]!.GetValue<int>().ShouldBe(0);
        report.Arr("themes").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("&year=1999")]
    public async Task RefusesAMissingTemplateOrAYearOutOfRange(string query)
    {
        var template = query.Length == 0 ? "" : $"templateId={world.TemplateId}";

        (await world.Scenario.Psw.GetAsync($"/api/reports/board?{template}{query}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnUnknownTemplateIsNotFound() =>
        (await world.Scenario.Psw.GetAsync($"/api/reports/board?templateId={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
}
