using System.Globalization;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Features;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Pages;

/// <summary>The monthly service report and the board report pages, driven without a real browser over the reports' seeded world.</summary>
public sealed class PrintedReportPagesTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    private async Task<Browser> SignedInAsync(string userName = DemoUsers.Psw)
    {
        var displayName = await world.App.WithDbAsync(db => db.Staff.Where(s => s.UserName == userName).Select(s => s.DisplayName).SingleAsync());
        var browser = new Browser(world.App);
        await browser.SignInAsync(displayName);
        return browser;
    }

    private static string Text(AngleSharp.Dom.IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Percent(JsonNode? share) =>
        share!["percent"] is { } p ? p.GetValue<decimal>().ToString("0.#", CultureInfo.InvariantCulture) + "%" : "No audits";

    [Fact]
    public async Task TheMonthlyReportShowsTheApisFiguresTeamByTeam()
    {
        var psw = await SignedInAsync();
        var report = await world.Scenario.Psw.GetOkAsync($"/api/reports/monthly?templateId={world.TemplateId}&month=2026-12");

        var page = await psw.GetOkAsync($"/reports/monthly?templateId={world.TemplateId}&month=2026-12");

        Text(page.QuerySelector("h1")!).ShouldContain("Monthly service report: December 2026");
        page.QuerySelector("select#month option[selected]")!.TextContent.ShouldBe("December 2026");
        Text(page.QuerySelector("[data-figure=audits]")!).ShouldStartWith($"{report["overall"]!["total"]} (");
        Text(page.QuerySelector("[data-figure=overall]")!).ShouldContain(Percent(report["overall"]));
        Text(page.QuerySelector("[data-figure=actions]")!)
            .ShouldBe($"{report["actions"]!["raised"]} raised, {report["actions"]!["closed"]} closed, {report["actions"]!["overdue"]} overdue at the end of the month");

        var table = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Contains("Each team", StringComparison.Ordinal));
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        rows.Count.ShouldBe(report.Arr("teams").Count);
        foreach (var (row, team) in rows.Zip(report.Arr("teams")))
        {
            var cells = row.Children.Select(Text).ToList();
            cells[0].ShouldStartWith(team.Str("team"));
            cells[1].ShouldBe(team!["share"]!["total"]!.ToString());
            cells[2].ShouldContain(Percent(team["share"]));
            cells[2].ShouldContain(team["share"]!["meetsTarget"]!.GetValue<bool>() ? "Meets target" : "Below target");
            cells[4..].ShouldBe([team["actions"]!["raised"]!.ToString(), team["actions"]!["closed"]!.ToString(), team["actions"]!["overdue"]!.ToString()]);
        }
    }

    [Fact]
    public async Task TheMonthlyReportOpensOnTheLastCompleteMonthWithItsFiltersMarkedNotToPrint()
    {
        var psw = await SignedInAsync();

        var page = await psw.GetOkAsync($"/reports/monthly?templateId={world.TemplateId}");

        page.QuerySelector("select#month option[selected]")!.TextContent.ShouldBe("November 2026");
        page.QuerySelector("form[action='/reports/monthly']")!.Closest(".app-no-print").ShouldNotBeNull();
        Browser.Text(page).ShouldContain("use your browser's print");
        page.QuerySelectorAll("a[href^='javascript:']").ShouldBeEmpty();
        page.QuerySelector("button[data-app-print]")!.HasAttribute("hidden").ShouldBeTrue("without a script the print button would do nothing, so it starts hidden");
    }

    [Fact]
    public async Task AMonthThatIsNotOneIsShownAsAMistake()
    {
        var psw = await SignedInAsync();

        var page = await psw.GetOkAsync($"/reports/monthly?templateId={world.TemplateId}&month=2026-13");

        page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href")))
            .ShouldBe([("Enter the month as a year and month, for example 2026-11.", "#month")]);
    }

    [Fact]
    public async Task TheBoardReportShowsTheApisFiguresAndItsChartWithATable()
    {
        var psw = await SignedInAsync();
        var report = await world.Scenario.Psw.GetOkAsync($"/api/reports/board?templateId={world.TemplateId}&year=2026");

        var page = await psw.GetOkAsync($"/reports/board?templateId={world.TemplateId}&year=2026");

        page.QuerySelector("select#year option[selected]")!.TextContent.ShouldStartWith("April 2026 to March 2027");
        Text(page.QuerySelector("[data-figure=audits]")!).ShouldBe(report["headline"]!["overall"]!["total"]!.ToString());
        Text(page.QuerySelector("[data-figure=overall]")!).ShouldContain(Percent(report["headline"]!["overall"]));
        Text(page.QuerySelector("[data-figure=pairs]")!).ShouldBe(report["agreement"]!["overall"]!["pairs"]!.ToString());
        Text(page.QuerySelector("[data-figure=kappa]")!)
            .ShouldBe(report["agreement"]!["overall"]!["weightedKappa"]!.GetValue<decimal>().ToString("0.000", CultureInfo.InvariantCulture));
        var involvement = report["youngAssessors"]!;
        Text(page.QuerySelector("[data-figure=young-assessor-audits]")!).ShouldStartWith($"{involvement["gradedByYoungAssessor"]} of {involvement["audits"]}");
        Text(page.QuerySelector("[data-figure=young-assessors]")!).ShouldBe(involvement["youngAssessors"]!.ToString());
        page.QuerySelectorAll("[data-figure=theme-count]").Select(Text)
            .ShouldBe(report.Arr("themes").Select(t => $"{t!["closed"]} {(t["closed"]!.GetValue<int>() == 1 ? "action" : "actions")} closed."));

        var svg = page.QuerySelector("svg[role=img]")!;
        svg.GetAttribute("viewBox").ShouldNotBeNullOrEmpty();
        svg.QuerySelector("title")!.TextContent.ShouldContain("by quarter");
        svg.QuerySelector("desc")!.TextContent.ShouldContain("The table below gives the same figures");
        var trendTable = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Contains("by quarter", StringComparison.Ordinal));
        trendTable.QuerySelectorAll("thead th").Skip(1).Select(Text).ShouldBe(report["trend"].Arr("periods").Select(p => p.Str("period")));
        Text(trendTable.QuerySelector("tbody tr")!).ShouldContain(Percent(report["trend"].Arr("periods")[2]!["overall"]));
    }

    [Fact]
    public async Task TheBoardReportNamesNoGraderChildOrWorker()
    {
        var psw = await SignedInAsync();
        var names = await world.App.WithDbAsync(async db =>
        {
            var staff = await db.Staff.AsNoTracking().Where(s => s.UserName != DemoUsers.Psw).Select(s => s.DisplayName).ToListAsync();
            var files = await db.CaseFiles.AsNoTracking().Select(c => new { c.Reference, c.AllocatedWorker }).ToListAsync();
            return staff.Concat(files.Select(f => f.Reference)).Concat(files.Select(f => f.AllocatedWorker)).ToList();
        });

        var page = await psw.GetOkAsync($"/reports/board?templateId={world.TemplateId}&year=2026");

        var text = Text(page.QuerySelector("main")!);
        text.ShouldContain("You said, we did");
        names.Where(name => text.Contains(name, StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AYearTypedIntoTheAddressThatIsNotOneIsShownAsAMistake()
    {
        var psw = await SignedInAsync();

        var page = await psw.GetOkAsync($"/reports/board?templateId={world.TemplateId}&year=last");

        page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim()).ShouldBe(["Select a year from the list"]);
    }
}
