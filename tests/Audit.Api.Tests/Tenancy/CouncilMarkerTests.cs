using System.Net;
using Audit.Api.Features.RoundPlans;
using Audit.Api.Notifications;
using Audit.Api.Tests.Support;
using Audit.Api.Workflows;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Audit.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Tenancy;

/// <summary>
/// A second council ("north") runs the whole loop with a marker in every identifying field it can fill: its team, team
/// and service managers, case files, worker, template, round, round plan, gradings' evidence and concern. Then the
/// default council's people read every list, report, dashboard, export (CSV, and every cell and sheet name of each Excel
/// workbook), search and page they may: no marker of north's appears in any answer.
/// </summary>
public sealed class CouncilMarkerTests : IDisposable
{
    private const string North = "north";
    private const string Marker = "northmark";

    // Finds north's references ("NORTHMARK-REF-1") anywhere in them, without the page echoing the marker itself.
    private const string Search = "ORTHMARK-REF";

    // A deployment serving north besides the default council. The background runners off: the test runs them itself, and on
    // PostgreSQL a background pass would claim (and lock) the timer first, so that the test's own pass skipped it.
    private readonly AuditApiFactory _factory = new(settings: UnknownCouncilTests.Serving(North));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task NoStringOfAnotherCouncilReachesAnyAnswerOfThisOne()
    {
        var (defaultCouncil, north) = (new Scenario(_factory), new Scenario(_factory, North));
        await _factory.SeedCouncilAsync(North);
        var caseFiles = await SeedMarkedAsync();
        var northTemplate = await north.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/templates", new
        {
            name = "Northmark template of the north",
            criteria = new object[] { new { title = "Northmark criterion", guidance = "Northmark guidance", plainWords = "Northmark plain words" } },
            target = new { atLeast = "Good", percent = 70 },
            graders = new[] { "Auditor", "YoungAssessor" },
        });
        var template = await north.DudleyTemplateAsync();
        var criteria = template.Arr("criteria").Select(c => c.Id()).ToList();
        var round = await north.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Northmark round", templateId = template.Id(), dueOn = "2026-12-18", caseFileIds = caseFiles,
            auditor = DemoUsers.Auditor, youngAssessor = DemoUsers.YoungAssessor,
        });
        foreach (var audit in round.Arr("auditIds").Select(a => Guid.Parse(a!.GetValue<string>())))
        {
            await north.Auditor.PostOkAsync($"/api/audits/{audit}/gradings", Marked(criteria, "Good", (2, "RequiresImprovement")));
            await north.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Marked(criteria, "Good"));
            await north.Auditor.PostOkAsync($"/api/audits/{audit}/concerns", new { description = "Northmark concern about the plan" });
        }

        await north.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/round-plans", new
        {
            name = "Northmark plan", templateId = template.Id(), schedule = "0 6 1 * *", dueInDays = 30, perTeam = 1, excludeAuditedWithinMonths = 0,
            auditors = new[] { DemoUsers.Auditor }, youngAssessors = new[] { DemoUsers.YoungAssessor },
        });
        (await north.Psw.GetOkAsync($"/api/case-files?reference={Search}")).AsArray().Count.ShouldBe(caseFiles.Count, "north finds its own");

        // The default council's own loop, so that its lists and reports have something in them.
        var ownAudits = await defaultCouncil.PlanRoundAsync(2);
        var ownCriteria = await defaultCouncil.CriterionIdsAsync();
        foreach (var audit in ownAudits)
        {
            await defaultCouncil.Auditor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(ownCriteria, "Good", (1, "RequiresImprovement")));
            await defaultCouncil.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(ownCriteria, "Good"));
        }

        var ownTemplate = (await defaultCouncil.DudleyTemplateAsync()).Id();
        var readers = new[] { defaultCouncil.Psw, defaultCouncil.Auditor, _factory.ClientFor(DemoUsers.ServiceManager), _factory.ClientFor(DemoUsers.Practitioner) };
        var leaks = new List<string>();
        foreach (var url in ApiReads(ownTemplate, northTemplate.Id(), template.Id()))
        {
            foreach (var reader in readers)
            {
                var response = await reader.GetAsync(url);
                if ((await ReadableAsync(response)).Contains(Marker, StringComparison.OrdinalIgnoreCase))
                {
                    leaks.Add($"{url} as {reader.UserName} ({(int)response.StatusCode})");
                }
            }
        }

        var browser = new Pages.Browser(_factory);
        await browser.SignInAsync("Ada Winslow");
        foreach (var page in PageRoutes.Of(_factory).Where(r => !r.Contains('{', StringComparison.Ordinal) && r != "/sign-out")
            .Append($"/case-files?reference={Search}").Append($"/dashboard?templateId={template.Id()}").Concat(PageDownloads(ownTemplate, template.Id())))
        {
            var response = await browser.Http.GetAsync(page);
            if ((await ReadableAsync(response)).Contains(Marker, StringComparison.OrdinalIgnoreCase))
            {
                leaks.Add($"page {page} ({(int)response.StatusCode})");
            }
        }

        leaks.ShouldBeEmpty();
        (await defaultCouncil.Psw.GetOkAsync($"/api/case-files?reference={Search}")).AsArray().ShouldBeEmpty();

        // The workbooks are read for what they hold: north's own team manager finds north's team in its actions workbook.
        var northActions = await _factory.ClientFor("northmark.manager", North).GetAsync("/api/reports/actions.xlsx");
        northActions.Content.Headers.ContentType!.MediaType.ShouldBe(Audit.Api.Features.Exports.ExportFiles.XlsxContentType);
        (await ReadableAsync(northActions)).ShouldContain("Northmark Team");
    }

    [Fact]
    public async Task ADeploymentThatNamesNoCouncilPutsEveryoneAndEveryRowInTheDefaultCouncil()
    {
        var scenario = new Scenario(_factory);
        var audits = await scenario.PlanRoundAsync(1);
        (await scenario.Psw.GetOkAsync($"/api/audits/{audits[0]}")).Id().ShouldBe(audits[0]);

        var councils = await _factory.WithDbAsync(async db => new[]
        {
            await CouncilsOf(db.Staff), await CouncilsOf(db.CaseFiles), await CouncilsOf(db.Templates), await CouncilsOf(db.Audits),
            await CouncilsOf(db.ChangeRecords), await CouncilsOf(db.PublishedWorkflows),
        }.SelectMany(c => c).Distinct().ToList());
        councils.ShouldBe([Audit.Api.Tenancy.CurrentCouncil.Default]);
    }

    [Fact]
    public async Task TheSameUserNameMaySignInToTwoCouncilsAndEachSeesOnlyItsOwn()
    {
        await _factory.SeedCouncilAsync(North);
        var marked = await SeedMarkedAsync();
        var (ownPsw, northPsw) = (_factory.ClientFor(DemoUsers.Psw), _factory.ClientFor(DemoUsers.Psw, North));

        var northFiles = (await northPsw.GetOkAsync("/api/case-files?take=200")).AsArray().Select(c => c.Id()).ToList();
        var ownFiles = (await ownPsw.GetOkAsync("/api/case-files?take=200")).AsArray().Select(c => c.Id()).ToList();
        marked.ShouldBeSubsetOf(northFiles);
        ownFiles.Intersect(northFiles).ShouldBeEmpty();
        (await ownPsw.GetAsync($"/api/case-files/{marked[0]}/record")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A page sign-in for north's people carries north's council in its cookie.
        var browser = new Pages.Browser(_factory);
        var signIn = await browser.GetOkAsync("/sign-in?council=north");
        (await browser.PressAsync(signIn, "Ada Winslow", "/sign-in")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await browser.GetOkAsync("/case-files?reference=NORTHMARK");
        Pages.Browser.Text(list).ShouldContain("NORTHMARK-REF-1");
    }

    [Fact]
    public async Task TheRunnersFireEachCouncilsTimersAndPlansInThatCouncil()
    {
        await _factory.SeedCouncilAsync(North);
        var north = new Scenario(_factory, North);
        var criteria = await north.CriterionIdsAsync();
        var auditId = (await north.PlanRoundAsync()).Single();
        await north.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        var reminder = await _factory.WithDbAsync(db => db.AuditTimers.SingleAsync(t => t.AuditId == auditId && t.Name == "remindGraders"), North);
        var before = await _factory.WithDbAsync(db => db.Notifications.CountAsync(), North);

        _factory.Clock.SetUtcNow(reminder.DueAt.AddMinutes(1));
        await _factory.Services.GetRequiredService<TimerRunner>().RunDueAsync(CancellationToken.None);

        (await _factory.WithDbAsync(db => db.AuditTimers.SingleAsync(t => t.Id == reminder.Id), North)).FiredAt.ShouldNotBeNull();
        (await _factory.WithDbAsync(db => db.Notifications.CountAsync(), North)).ShouldBeGreaterThan(before, "the reminder is north's");
        (await _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None)).ShouldBeGreaterThan(0);
        (await _factory.WithDbAsync(db => db.Outbox.CountAsync(m => m.SentAt == null), North)).ShouldBe(0, "north's e-mails were sent");

        var plan = (await north.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/round-plans", new
        {
            name = "Northmark plan", templateId = (await north.DudleyTemplateAsync()).Id(), schedule = "0 6 1 * *", dueInDays = 30, perTeam = 1,
            excludeAuditedWithinMonths = 0, auditors = new[] { DemoUsers.Auditor }, youngAssessors = new[] { DemoUsers.YoungAssessor },
        })).Id();
        var opens = (await north.Psw.GetOkAsync($"/api/round-plans/{plan}")).Arr("nextOpenings")[0]!.GetValue<DateTimeOffset>();
        _factory.Clock.SetUtcNow(opens.AddMinutes(1));

        // Moving the clock may have woken the runner in the background first: either way the round is opened once.
        await _factory.Services.GetRequiredService<RoundPlanRunner>().OpenDueAsync(CancellationToken.None);
        (await north.Psw.GetOkAsync($"/api/round-plans/{plan}"))["lastOpenedFor"]!.GetValue<DateTimeOffset>().ShouldBe(opens);
        (await north.Psw.GetOkAsync("/api/rounds")).AsArray().ShouldContain(r => r.Str("name").StartsWith("Northmark plan", StringComparison.Ordinal));
        (await _factory.ClientFor(DemoUsers.Psw).GetOkAsync("/api/rounds")).AsArray().ShouldNotContain(r => r.Str("name").StartsWith("Northmark plan", StringComparison.Ordinal));
    }

    private static Task<List<string>> CouncilsOf<T>(IQueryable<T> rows)
        where T : class =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            rows.Select(r => Microsoft.EntityFrameworkCore.EF.Property<string>(r, Audit.Api.Tenancy.CouncilModel.Property)).Distinct());

    /// <summary>
    /// What an answer says: its body as text, or for an Excel workbook (whose zipped XML a plain search would miss) the
    /// name of every sheet and every cell's text.
    /// </summary>
    private static async Task<string> ReadableAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != Audit.Api.Features.Exports.ExportFiles.XlsxContentType)
        {
            return await response.Content.ReadAsStringAsync();
        }

        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var text = new System.Text.StringBuilder();
        foreach (var sheet in MiniExcelLibs.MiniExcel.GetSheetNames(workbook))
        {
            text.AppendLine(sheet);
            workbook.Position = 0;
            foreach (var row in MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: false, sheetName: sheet, excelType: MiniExcelLibs.ExcelType.XLSX).Cast<IDictionary<string, object?>>())
            {
                text.AppendJoin('\t', row.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))).AppendLine();
            }

            workbook.Position = 0;
        }

        return text.ToString();
    }

    /// <summary>The pages' download links (cookie-signed copies of the API's exports), each as CSV and as an Excel workbook.</summary>
    private static IEnumerable<string> PageDownloads(Guid ownTemplate, Guid northDudley) =>
        from name in Exports
        from extension in new[] { "csv", "xlsx" }
        from template in new[] { ownTemplate, northDudley }
        select $"/reports/{name}.{extension}?templateId={template}";

    private static readonly string[] Exports = ["dashboard", "trend", "agreement", "you-said-we-did", "actions"];

    private static IEnumerable<string> ApiReads(Guid ownTemplate, Guid northTemplate, Guid northDudley)
    {
        string[] lists =
        [
            "/api/case-files", $"/api/case-files?reference={Search}", "/api/teams", "/api/staff", "/api/templates", "/api/rounds",
            "/api/round-plans", "/api/audits", "/api/moderation", "/api/actions", "/api/actions/by-team", "/api/notifications",
            "/api/notifications/parked", "/api/workflows", "/api/dev/users", "/api/practice/audits", "/api/record/verification",
        ];
        string[] reports =
        [
            "/api/reports/three-views", "/api/reports/you-said-we-did", "/api/dashboard", "/api/dashboard/teams", "/api/dashboard/trend",
            "/api/reports/agreement", "/api/reports/monthly", "/api/reports/board",
            .. Exports.SelectMany(name => new[] { $"/api/reports/{name}.csv", $"/api/reports/{name}.xlsx" }),
        ];
        return lists.Concat(reports.SelectMany(r => new[] { ownTemplate, northTemplate, northDudley }.Select(t => $"{r}?templateId={t}")));
    }

    private static object Marked(IReadOnlyList<Guid> criteria, string grade, params (int Index, string Grade)[] except) => new
    {
        grades = criteria.Select((id, i) => new
        {
            criterionId = id,
            grade = except.FirstOrDefault(e => e.Index == i).Grade ?? grade,
            evidence = $"Northmark evidence for criterion {i + 1} (NORTHMARK-REF-1, Northmark Worker).",
        }),
        overall = grade,
    };

    private Task<List<Guid>> SeedMarkedAsync() => _factory.WithDbAsync(
        async db =>
        {
            var team = new Team(Guid.NewGuid(), "Northmark Team", ServiceArea.ChildrenLookedAfter, "northmark.manager", "northmark.service");
            db.Teams.Add(team);
            db.Staff.Add(new StaffMember("northmark.manager", "Northmark Manager", [Role.TeamManager], team.Id));
            db.Staff.Add(new StaffMember("northmark.service", "Northmark Service", [Role.ServiceManager]));
            var caseFiles = new[] { "NORTHMARK-REF-1", "NORTHMARK-REF-2" }
                .Select(reference => new CaseFile(Guid.NewGuid(), reference, team, Stage.Review, "Northmark Worker", ChildAgeBand.TenToFifteen))
                .ToList();
            db.CaseFiles.AddRange(caseFiles);
            await db.SaveChangesAsync();
            return caseFiles.Select(c => c.Id).ToList();
        },
        North);
}
