using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Features.Exports;
using Audit.Api.Pages.Audits;
using Audit.Api.Tests.Support;
using Audit.Domain.Actions;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Audit.Api.Tests.Features;

/// <summary>
/// The reports' seeded world (<see cref="ReportWorld"/>), with four more actions closed by their team manager in words
/// that a spreadsheet would run as a formula (starting =, +, - and @).
/// </summary>
public sealed class ExportWorld : IAsyncLifetime
{
    public static readonly string[] FormulaWords =
    [
        "=HYPERLINK(\"http://evil.example\",\"Click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3 said the child",
        "@SUM(1+1)",
    ];

    public ReportWorld Reports { get; } = new();

    public AuditApiFactory App => Reports.App;

    public Scenario Scenario => Reports.Scenario;

    public async ValueTask InitializeAsync()
    {
        await Reports.InitializeAsync();
        var open = await App.WithDbAsync(db => db.Actions.Where(a => a.Status == ActionStatus.Open).OrderBy(a => a.Id).Take(FormulaWords.Length)
            .Select(a => new { a.Id, a.Assignee }).ToListAsync());
        open.Count.ShouldBe(FormulaWords.Length);
        foreach (var (action, words) in open.Zip(FormulaWords))
        {
            await App.ClientFor(action.Assignee).PostOkAsync($"/api/actions/{action.Id}/close", new { whatChanged = words });
        }
    }

    public async ValueTask DisposeAsync() => await Reports.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ExportsShareOneWorld : ICollectionFixture<ExportWorld>
{
    public const string Name = "Exports";
}

/// <summary>
/// Every export, as CSV (read back with CsvHelper) and as XLSX (read back with MiniExcel), holds the same table: its
/// rows equal the JSON endpoint's figures cell for cell, and its totals an independent count over the seeded rows.
/// </summary>
[Collection(ExportsShareOneWorld.Name)]
public sealed class ExportTests(ExportWorld world)
{
    private const string Period = "from=2026-11-01&to=2027-01-01";

    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private AuditClient Psw => world.Scenario.Psw;

    public static TheoryData<string> Formats => ["csv", "xlsx"];

    /// <summary>A table read back from a download: its header row and its rows, every cell as text (numbers normalised).</summary>
    private sealed record Table(List<string> Header, List<List<string>> Rows)
    {
        public List<Dictionary<string, string>> Records => Rows.Select(r => Header.Zip(r).ToDictionary(x => x.First, x => x.Second)).ToList();
    }

    /// <summary>Numbers as the shortest invariant text (62.50 and the double 62.5 both read "62.5"), empty as "".</summary>
    private static string Norm(object? value) => value switch
    {
        null => "",
        bool b => b ? "Yes" : "No",
        double d => ((decimal)d).ToString("0.############", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.############", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s when decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m) => Norm(m),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Json(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<bool>(out var b) => Norm(b),
        JsonValue v when v.TryGetValue<decimal>(out var m) => Norm(m),
        _ => node.GetValue<string>(),
    };

    private static async Task<Table> ReadAsync(HttpResponseMessage response, string format)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (format == "csv")
        {
            bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "UTF-8 with a byte-order mark, so that Excel reads it as UTF-8");
            using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
            csv.Read().ShouldBeTrue();
            csv.ReadHeader();
            var header = csv.HeaderRecord!.ToList();
            var rows = new List<List<string>>();
            while (csv.Read())
            {
                rows.Add(csv.Parser.Record!.Select(Norm).ToList());
            }

            return new Table(header, rows);
        }

        using var stream = new MemoryStream(bytes);
        var sheet = stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        sheet.ShouldNotBeEmpty("the header row is always written");
        var keys = sheet[0].Keys.ToList();
        return new Table(
            keys.Select(k => Convert.ToString(sheet[0][k], CultureInfo.InvariantCulture) ?? "").ToList(),
            sheet.Skip(1).Select(row => keys.Select(k => Norm(row.TryGetValue(k, out var v) ? v : null)).ToList()).ToList());
    }

    private static async Task<Table> ExportAsync(AuditClient caller, string name, string format, string query = "") =>
        await ReadAsync(await caller.GetAsync($"/api/reports/{name}.{format}?{query}"), format);

    private static List<string> ShareCells(JsonNode? share, int target) =>
    [
        Json(share!["goodOrBetter"]), Json(share["total"]), Json(share["percent"]), Json(share["ci"]?["low"]), Json(share["ci"]?["high"]),
        Json(share["smallSample"]), Norm(target), Json(share["meetsTarget"]),
    ];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task TheDashboardExportIsTheGridCellForCellAndItsTotalsMatchAnIndependentCount(string format)
    {
        var query = $"templateId={world.Reports.TemplateId}&{Period}";
        var grid = await Psw.GetOkAsync($"/api/dashboard?{query}");
        var table = await ExportAsync(Psw, "dashboard", format, query);

        table.Header.ShouldBe(["Principle", "Service area", "Good or better", "Total", "Percent good or better", "95% interval low (%)", "95% interval high (%)", "Small sample (fewer than 10)", "Target (%)", "Meets target"]);
        var target = grid!["target"]!["percent"]!.GetValue<int>();
        var titles = grid.Arr("criteria").ToDictionary(c => c.Id("criterionId"), c => c.Str("title"));
        List<List<string>> expected =
        [
            ["All principles (overall grade)", "All service areas", .. ShareCells(grid["overall"], target)],
            .. grid.Arr("cells").Select(c => (List<string>)[titles[c.Id("criterionId")], AuditWords.Of(Enum.Parse<ServiceArea>(c.Str("serviceArea"))), .. ShareCells(c, target)]),
        ];
        table.Rows.ShouldBe(expected);

        // Independently: the final grades and audits made final in the period, counted here in plain LINQ.
        var atLeast = Enum.Parse<Grade>(grid["target"]!["atLeast"]!.GetValue<string>());
        var (grades, audits) = await world.App.WithDbAsync(async db => (
            (await db.FinalGrades.AsNoTracking().ToListAsync()).Where(f => f.FinalisedAt >= From && f.FinalisedAt < To).ToList(),
            (await db.Audits.AsNoTracking().ToListAsync()).Where(a => a.FinalisedAt >= From && a.FinalisedAt < To && a.FinalOverall != null).ToList()));
        var records = table.Records;
        records[0]["Total"].ShouldBe(Norm(audits.Count));
        records[0]["Good or better"].ShouldBe(Norm(audits.Count(a => a.FinalOverall >= atLeast)));
        records.Skip(1).Sum(r => int.Parse(r["Total"], CultureInfo.InvariantCulture)).ShouldBe(grades.Count);
        records.Skip(1).Sum(r => int.Parse(r["Good or better"], CultureInfo.InvariantCulture)).ShouldBe(grades.Count(g => g.Grade >= atLeast));
        grades.Count.ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task TheTrendExportIsOneRowPerPeriodAndPrincipleMatchingTheTrendAndAnIndependentCountByMonth(string format)
    {
        var query = $"templateId={world.Reports.TemplateId}&{Period}&by=month";
        var trend = await Psw.GetOkAsync($"/api/dashboard/trend?{query}");
        var table = await ExportAsync(Psw, "trend", format, query);

        table.Header.ShouldBe(["Period", "Period starts", "Period ends (not included)", "Principle", "Good or better", "Total", "Percent good or better", "95% interval low (%)", "95% interval high (%)", "Small sample (fewer than 10)", "Target (%)", "Meets target"]);
        var target = trend!["target"]!["percent"]!.GetValue<int>();
        var titles = trend.Arr("criteria").ToDictionary(c => c.Id("criterionId"), c => c.Str("title"));
        var expected = trend.Arr("periods").SelectMany(p => (List<List<string>>)
        [
            [p.Str("period"), p.Str("start"), p.Str("end"), "All principles (overall grade)", .. ShareCells(p!["overall"], target)],
            .. p!["criteria"]!.AsArray().Select(c => (List<string>)[p.Str("period"), p.Str("start"), p.Str("end"), titles[c.Id("criterionId")], .. ShareCells(c, target)]),
        ]).ToList();
        table.Rows.ShouldBe(expected);

        var audits = await world.App.WithDbAsync(async db => (await db.Audits.AsNoTracking().ToListAsync()).Where(a => a.FinalisedAt >= From && a.FinalisedAt < To && a.FinalOverall != null).ToList());
        var overallRows = table.Records.Where(r => r["Principle"] == "All principles (overall grade)").ToList();
        overallRows.Select(r => r["Period"]).ShouldBe(["2026-11", "2026-12"]);
        foreach (var row in overallRows)
        {
            row["Total"].ShouldBe(Norm(audits.Count(a => a.FinalisedAt!.Value.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture) == row["Period"])));
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task TheAgreementExportIsTheReportRowByRowAndItsPairsMatchAnIndependentCount(string format)
    {
        var query = $"templateId={world.Reports.TemplateId}";
        var report = await Psw.GetOkAsync($"/api/reports/agreement?{query}");
        var table = await ExportAsync(Psw, "agreement", format, query);

        table.Header.ShouldBe(["Figure", "Principle", "Auditor", "Young assessor", "Pairs graded by both", "Exact agreement (%)", "Weighted kappa", "Grader", "Grader's role", "Moderated grades", "Average difference from the moderator (points)", "Consistently above or below"]);
        static List<string> Figures(JsonNode? f) => [Json(f!["pairs"]), Json(f["exactAgreement"]), Json(f["weightedKappa"])];
        List<List<string>> expected =
        [
            ["Overall", "", "", "", .. Figures(report!["overall"]), "", "", "", "", ""],
            .. report.Arr("criteria").Select(c => (List<string>)["Principle", c.Str("criterion"), "", "", .. Figures(c), "", "", "", "", ""]),
            .. report.Arr("pairs").Select(p => (List<string>)["Auditor and young assessor", "", p.Str("auditorName"), p.Str("youngAssessorName"), .. Figures(p), "", "", "", "", ""]),
            .. report.Arr("graders").Select(g => (List<string>)["Grader against moderated grades", "", "", "", "", "", "", g.Str("name"), AuditWords.Of(Enum.Parse<GraderRole>(g.Str("role"))), Json(g!["grades"]), Json(g["meanDifference"]), g["leaning"] is null ? "No" : $"Consistently {g.Str("leaning").ToLowerInvariant()}"]),
        ];
        table.Rows.ShouldBe(expected);
        report.Arr("pairs").Count.ShouldBeGreaterThan(0);

        // Independently: (audit, criterion) pairs graded by both an auditor and a young assessor, over the audits made final.
        var (pairs, same) = await world.App.WithDbAsync(async db =>
        {
            var final = (await db.Audits.AsNoTracking().Where(a => a.FinalisedAt != null).Select(a => a.Id).ToListAsync()).ToHashSet();
            var gradings = (await db.Gradings.AsNoTracking().Include(g => g.Grades).ToListAsync()).Where(g => final.Contains(g.AuditId)).ToList();
            var both = (
                from a in gradings.Where(g => g.Role == GraderRole.Auditor)
                join y in gradings.Where(g => g.Role == GraderRole.YoungAssessor) on a.AuditId equals y.AuditId
                from ag in a.Grades
                from yg in y.Grades
                where yg.CriterionId == ag.CriterionId
                select ag.Grade == yg.Grade).ToList();
            return (both.Count, both.Count(x => x));
        });
        var overall = table.Records[0];
        overall["Pairs graded by both"].ShouldBe(Norm(pairs));
        overall["Exact agreement (%)"].ShouldBe(Norm(Math.Round(100.0 * same / pairs, 1)));
        table.Records.Where(r => r["Figure"] == "Principle").Sum(r => int.Parse(r["Pairs graded by both"], CultureInfo.InvariantCulture)).ShouldBe(pairs);
    }

    /// <summary>The closed actions worked out in memory from plain rows, in the report's order.</summary>
    private Task<List<List<string>>> ExpectedYouSaidWeDidAsync(ServiceArea? area) => world.App.WithDbAsync(async db =>
    {
        var actions = await db.Actions.AsNoTracking().ToListAsync();
        var teams = await db.Teams.AsNoTracking().ToListAsync();
        var criteria = await db.Criteria.AsNoTracking().ToListAsync();
        return actions
            .Where(a => a.Status == ActionStatus.Closed && a.ClosedAt >= From && a.ClosedAt < To)
            .Select(a => (Action: a, Team: teams.Single(t => t.Id == a.TeamId), Criterion: criteria.Single(c => c.Id == a.CriterionId)))
            .Where(x => area is null || x.Team.ServiceArea == area)
            .OrderBy(x => x.Criterion.Title, StringComparer.Ordinal).ThenBy(x => x.Team.ServiceArea).ThenByDescending(x => x.Action.ClosedAt).ThenBy(x => x.Action.Id)
            .Select(x => new List<string>
            {
                x.Criterion.Title, AuditWords.Of(x.Team.ServiceArea), x.Team.Name, AuditWords.Of(x.Action.FinalGrade), "",
                x.Action.ClosedAt!.Value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            })
            .ToList();
    });

    private static string Escaped(string words) => words[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + words : words;

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task YouSaidWeDidExportsEveryClosedActionWithWhatChangedAsTheReportSaysIt(string format)
    {
        var json = (await Psw.GetOkAsync($"/api/reports/you-said-we-did?{Period}&take=200")).AsArray();
        var table = await ExportAsync(Psw, "you-said-we-did", format, Period);

        table.Header.ShouldBe(["Principle", "Service area", "Team", "What the audit found", "What changed for the child", "Closed on"]);
        var expected = await ExpectedYouSaidWeDidAsync(null);
        expected.Count.ShouldBe(json.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            expected[i][4] = Norm(Escaped(json[i].Str("whatChanged")));
        }

        table.Rows.ShouldBe(expected);
        table.Rows.Count(r => r[4].StartsWith('\'')).ShouldBe(ExportWorld.FormulaWords.Length);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task YouSaidWeDidExportsCarryNoCaseFileReferenceNorAnyWorkersOrStaffName(string format)
    {
        var table = await ExportAsync(Psw, "you-said-we-did", format, Period);
        var text = string.Join("\n", table.Rows.SelectMany(r => r));

        text.ShouldContain("chairs part of their review");
        var (caseFiles, people) = await world.App.WithDbAsync(async db => (
            await db.CaseFiles.Select(c => new { c.Reference, c.AllocatedWorker }).ToListAsync(),
            await db.Staff.Select(s => new { s.UserName, s.DisplayName }).ToListAsync()));
        foreach (var caseFile in caseFiles)
        {
            text.ShouldNotContain(caseFile.Reference, Case.Insensitive);
            text.ShouldNotContain(caseFile.AllocatedWorker, Case.Insensitive);
        }

        foreach (var person in people)
        {
            text.ShouldNotContain(person.UserName, Case.Insensitive);
            text.ShouldNotContain(person.DisplayName, Case.Insensitive);
        }
    }

    [Fact]
    public async Task YouSaidWeDidExportTakesTheServiceArea()
    {
        var area = await world.App.WithDbAsync(db => (
            from a in db.Actions where a.Status == ActionStatus.Closed join t in db.Teams on a.TeamId equals t.Id select t.ServiceArea).FirstAsync());
        var table = await ExportAsync(Psw, "you-said-we-did", "csv", $"{Period}&serviceArea={area}");

        var expected = await ExpectedYouSaidWeDidAsync(area);
        expected.ShouldNotBeEmpty();
        table.Rows.Select(r => r.Take(4).Append(r[5]).ToList()).ShouldBe(expected.Select(r => r.Take(4).Append(r[5]).ToList()));
    }

    /// <summary>The actions a person may see, worked out here: the PSW all; others those assigned to them or of the teams they manage.</summary>
    private Task<List<List<string>>> ExpectedActionsAsync(string? userName) => world.App.WithDbAsync(async db =>
    {
        var today = DateOnly.FromDateTime(world.App.Clock.GetUtcNow().UtcDateTime);
        var actions = await db.Actions.AsNoTracking().ToListAsync();
        var teams = await db.Teams.AsNoTracking().ToListAsync();
        var criteria = await db.Criteria.AsNoTracking().ToListAsync();
        static string Day(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        return actions
            .Select(a => (Action: a, Team: teams.Single(t => t.Id == a.TeamId)))
            .Where(x => userName is null || x.Action.Assignee == userName || x.Team.TeamManager == userName || x.Team.ServiceManager == userName)
            .OrderBy(x => x.Action.Status switch { ActionStatus.Escalated => 0, ActionStatus.Open => 1, _ => 2 }).ThenBy(x => x.Action.DueOn).ThenBy(x => x.Action.Id)
            .Select(x => new List<string>
            {
                criteria.Single(c => c.Id == x.Action.CriterionId).Title, AuditWords.Of(x.Action.FinalGrade), x.Team.Name, x.Action.Assignee,
                x.Action.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), x.Action.Status.ToString(), x.Action.IsOverdue(today) ? "Yes" : "No",
                Day(x.Action.RaisedAt), Norm(x.Action.WhatChanged is { } words ? Escaped(words) : null), Day(x.Action.ClosedAt), x.Action.ClosedBy ?? "",
            })
            .ToList();
    });

    private async Task<(string TeamManager, string ServiceManager)> ManagersAsync() => await world.App.WithDbAsync(async db =>
    {
        var team = await (from a in db.Actions join t in db.Teams on a.TeamId equals t.Id orderby t.Name select t).FirstAsync();
        return (team.TeamManager, team.ServiceManager);
    });

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task ThePrincipalSocialWorkersActionsExportHoldsEveryActionInTheListsOrder(string format)
    {
        var table = await ExportAsync(Psw, "actions", format);

        table.Header.ShouldBe(["Principle", "Grade found", "Team", "Assigned to", "Due on", "Status", "Overdue", "Raised on", "What changed for the child", "Closed on", "Closed by"]);
        var expected = await ExpectedActionsAsync(null);
        expected.ShouldNotBeEmpty();
        table.Rows.ShouldBe(expected);
        table.Rows.Count(r => r[8].StartsWith('\'')).ShouldBe(ExportWorld.FormulaWords.Length);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task ATeamManagersAndAServiceManagersActionsExportsHoldOnlyTheirOwnRows(string format)
    {
        var (teamManager, serviceManager) = await ManagersAsync();
        var all = await ExpectedActionsAsync(null);

        foreach (var manager in new[] { teamManager, serviceManager })
        {
            var table = await ExportAsync(world.App.ClientFor(manager), "actions", format);
            var expected = await ExpectedActionsAsync(manager);
            expected.ShouldNotBeEmpty();
            expected.Count.ShouldBeLessThan(all.Count);
            table.Rows.ShouldBe(expected);
        }
    }

    [Fact]
    public async Task TheActionsExportTakesTheListsFilters()
    {
        var (teamManager, _) = await ManagersAsync();
        var table = await ExportAsync(world.App.ClientFor(teamManager), "actions", "csv", "mine=true&status=Closed");

        var expected = (await ExpectedActionsAsync(teamManager)).Where(r => r[5] == "Closed").ToList();
        expected.ShouldNotBeEmpty();
        table.Rows.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task AServiceManagersDashboardExportCountsOnlyTheirServiceAsTheirDashboardDoes(string format)
    {
        var (_, serviceManager) = await ManagersAsync();
        var caller = world.App.ClientFor(serviceManager);
        var query = $"templateId={world.Reports.TemplateId}";
        var theirs = await caller.GetOkAsync($"/api/dashboard?{query}");
        var everyone = await Psw.GetOkAsync($"/api/dashboard?{query}");

        var table = await ExportAsync(caller, "dashboard", format, query);

        table.Records[0]["Total"].ShouldBe(Json(theirs!["overall"]!["total"]));
        theirs["overall"]!["total"]!.GetValue<int>().ShouldBeLessThan(everyone!["overall"]!["total"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("dashboard")]
    [InlineData("trend")]
    [InlineData("agreement")]
    [InlineData("you-said-we-did")]
    [InlineData("actions")]
    public async Task AYoungAssessorIsRefusedEveryExportWithProblemDetails(string name)
    {
        foreach (var format in new[] { "csv", "xlsx" })
        {
            var response = await world.Scenario.YoungAssessor.GetAsync($"/api/reports/{name}.{format}?templateId={world.Reports.TemplateId}");

            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
    }

    [Fact]
    public async Task AnAuditorIsRefusedTheAgreementExportAsTheAgreementReport()
    {
        var json = await world.Scenario.Auditor.GetAsync($"/api/reports/agreement?templateId={world.Reports.TemplateId}");
        var export = await world.Scenario.Auditor.GetAsync($"/api/reports/agreement.csv?templateId={world.Reports.TemplateId}");

        json.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        export.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/api/dashboard", "dashboard", "templateId={template}&from=1st-november")]
    [InlineData("/api/dashboard", "dashboard", "templateId={template}&from=2026-12-01&to=2026-11-01")]
    [InlineData("/api/dashboard", "dashboard", "from=2026-11-01")]
    [InlineData("/api/dashboard", "dashboard", "templateId={missing}")]
    [InlineData("/api/dashboard/trend", "trend", "templateId={template}&by=week")]
    [InlineData("/api/reports/agreement", "agreement", "templateId={template}&from=2026-12-01&to=2026-11-01")]
    [InlineData("/api/reports/agreement", "agreement", "templateId={template}&from=not-a-date")]
    [InlineData("/api/reports/agreement", "agreement", "templateId={missing}")]
    [InlineData("/api/reports/you-said-we-did", "you-said-we-did", "from=2020-01-01&to=2026-01-01")]
    [InlineData("/api/reports/you-said-we-did", "you-said-we-did", "serviceArea=Nowhere")]
    [InlineData("/api/actions", "actions", "status=Sometimes")]
    public async Task ABadFilterGetsTheSameProblemDetailsAsTheJson(string jsonRoute, string name, string query)
    {
        query = query.Replace("{template}", world.Reports.TemplateId.ToString(), StringComparison.Ordinal)
            .Replace("{missing}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var json = await Psw.GetAsync($"{jsonRoute}?{query}");
        json.StatusCode.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity);

        foreach (var format in new[] { "csv", "xlsx" })
        {
            var export = await Psw.GetAsync($"/api/reports/{name}.{format}?{query}");

            export.StatusCode.ShouldBe(json.StatusCode);
            export.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var (expected, got) = (await Scenario.AsJsonAsync(json), await Scenario.AsJsonAsync(export));
            got["title"]!.GetValue<string>().ShouldBe(expected["title"]!.GetValue<string>());
            got["detail"]?.ToJsonString().ShouldBe(expected["detail"]?.ToJsonString());
            got["errors"]?.ToJsonString().ShouldBe(expected["errors"]?.ToJsonString());
        }
    }

    [Theory]
    [InlineData("dashboard.csv", "templateId={template}&from=2026-11-01&to=2026-12-01", "text/csv", "dashboard-2026-11-01-to-2026-12-01.csv")]
    [InlineData("dashboard.xlsx", "templateId={template}&serviceArea=ChildProtection", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "dashboard-child-protection-all-dates.xlsx")]
    [InlineData("trend.csv", "templateId={template}&from=2026-11-01&by=quarter", "text/csv", "trend-by-quarter-from-2026-11-01.csv")]
    [InlineData("agreement.xlsx", "templateId={template}&to=2027-01-01", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "agreement-to-2027-01-01.xlsx")]
    [InlineData("you-said-we-did.csv", "from=2026-11-01&to=2027-01-01&serviceArea=EarlyHelp", "text/csv", "you-said-we-did-early-help-2026-11-01-to-2027-01-01.csv")]
    [InlineData("actions.xlsx", "mine=true&status=Open", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "actions-mine-open-on-2026-12-13.xlsx")]
    public async Task EachDownloadSaysWhatItIsAndIsNamedForItsFilters(string route, string query, string mediaType, string fileName)
    {
        var response = await Psw.GetAsync($"/api/reports/{route}?{query.Replace("{template}", world.Reports.TemplateId.ToString(), StringComparison.Ordinal)}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        if (mediaType == "text/csv")
        {
            response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        }

        response.Content.Headers.GetValues("Content-Disposition").Single().ShouldBe($"attachment; filename=\"{fileName}\"");
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+44 7700", "'+44 7700")]
    [InlineData("-minus", "'-minus")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTabbed", "'\tTabbed")]
    [InlineData("\rReturn", "'\rReturn")]
    [InlineData("Plain words", "Plain words")]
    [InlineData("", "")]
    public void ATextCellThatStartsLikeAFormulaGetsALeadingApostrophe(string text, string cell) =>
        ExportFiles.Cell(text).ShouldBe(cell);

    [Fact]
    public void NumbersStayNumbersEvenBelowZero()
    {
        ExportFiles.Cell(-0.25m).ShouldBe(-0.25m);
        ExportFiles.Cell(-3).ShouldBe(-3);
        ExportFiles.Cell(null).ShouldBeNull();
    }
}
