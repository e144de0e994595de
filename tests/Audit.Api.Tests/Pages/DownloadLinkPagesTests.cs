using System.Net;
using AngleSharp.Dom;
using Audit.Api.Tests.Features;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Pages;

/// <summary>
/// The dashboard, agreement, "You said, we did" and actions pages offer their figures as CSV and as a spreadsheet,
/// with the filters the page shows; the links download (with the page's sign-in) the same file the API gives.
/// </summary>
[Collection(ExportsShareOneWorld.Name)]
public sealed class DownloadLinkPagesTests(ExportWorld world)
{
    private async Task<Browser> SignedInAsync(string userName = DemoUsers.Psw)
    {
        var displayName = await world.App.WithDbAsync(db => db.Staff.Where(s => s.UserName == userName).Select(s => s.DisplayName).SingleAsync());
        var browser = new Browser(world.App);
        await browser.SignInAsync(displayName);
        return browser;
    }

    private static List<string> Links(IDocument page, string text) =>
        page.QuerySelectorAll("a").Where(a => a.TextContent.Trim().StartsWith(text, StringComparison.Ordinal)).Select(a => a.GetAttribute("href")!).ToList();

    /// <summary>The link's download, with the page's cookie, is byte for byte the API's export of the same address.</summary>
    private static async Task ShouldDownloadAsTheApiDoesAsync(Browser browser, AuditClient caller, string href, string mediaType)
    {
        var download = await browser.Http.GetAsync(href);
        download.StatusCode.ShouldBe(HttpStatusCode.OK, href);
        download.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        var api = await caller.GetAsync("/api" + href);
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        if (mediaType == "text/csv")
        {
            (await download.Content.ReadAsStringAsync()).ShouldBe(await api.Content.ReadAsStringAsync());
        }
        else
        {
            (await download.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public async Task TheDashboardsDownloadLinksCarryItsFilters()
    {
        var browser = await SignedInAsync();
        var template = world.Reports.TemplateId;

        var page = await browser.GetOkAsync($"/dashboard?templateId={template}&from=2026-11-01&to=2027-01-01&serviceArea=ChildProtection&by=quarter");

        var filters = $"templateId={template}&from=2026-11-01&to=2027-01-01&serviceArea=ChildProtection";
        page.QuerySelectorAll("a[download]").Select(a => a.TextContent).ShouldBe(
        [
            "Download as CSV (principles by service area)", "Download as spreadsheet (XLSX) (principles by service area)",
            "Download as CSV (the trend's figures)", "Download as spreadsheet (XLSX) (the trend's figures)",
        ]);
        Links(page, "Download as CSV").ShouldBe([$"/reports/dashboard.csv?{filters}", $"/reports/trend.csv?{filters}&by=quarter"]);
        Links(page, "Download as spreadsheet (XLSX)").ShouldBe([$"/reports/dashboard.xlsx?{filters}", $"/reports/trend.xlsx?{filters}&by=quarter"]);
        await ShouldDownloadAsTheApiDoesAsync(browser, world.Scenario.Psw, $"/reports/dashboard.csv?{filters}", "text/csv");
        await ShouldDownloadAsTheApiDoesAsync(browser, world.Scenario.Psw, $"/reports/trend.xlsx?{filters}&by=quarter", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    [Fact]
    public async Task TheAgreementPagesDownloadLinksCarryItsTemplateAndDates()
    {
        var browser = await SignedInAsync();
        var template = world.Reports.TemplateId;

        var page = await browser.GetOkAsync($"/reports/agreement?templateId={template}&from.Day=1&from.Month=11&from.Year=2026&to.Day=1&to.Month=1&to.Year=2027");

        Links(page, "Download as CSV").ShouldBe([$"/reports/agreement.csv?templateId={template}&from=2026-11-01&to=2027-01-01"]);
        Links(page, "Download as spreadsheet (XLSX)").ShouldBe([$"/reports/agreement.xlsx?templateId={template}&from=2026-11-01&to=2027-01-01"]);
        await ShouldDownloadAsTheApiDoesAsync(browser, world.Scenario.Psw, Links(page, "Download as CSV")[0], "text/csv");
    }

    [Fact]
    public async Task YouSaidWeDidsDownloadLinksCarryItsMonthsAsDatesAndItsServiceArea()
    {
        var browser = await SignedInAsync();
        var area = await world.App.WithDbAsync(db => (
            from a in db.Actions where a.Status == Domain.Actions.ActionStatus.Closed join t in db.Teams on a.TeamId equals t.Id select t.ServiceArea).FirstAsync());

        var page = await browser.GetOkAsync($"/reports/you-said-we-did?from=2026-11&to=2026-12&serviceArea={area}");

        Links(page, "Download as CSV").ShouldBe([$"/reports/you-said-we-did.csv?from=2026-11-01&to=2027-01-01&serviceArea={area}"]);
        Links(page, "Download as spreadsheet (XLSX)").ShouldBe([$"/reports/you-said-we-did.xlsx?from=2026-11-01&to=2027-01-01&serviceArea={area}"]);
        await ShouldDownloadAsTheApiDoesAsync(browser, world.Scenario.Psw, Links(page, "Download as CSV")[0], "text/csv");
    }

    [Fact]
    public async Task ATeamManagersActionsPageDownloadsTheirOwnActions()
    {
        var teamManager = await world.App.WithDbAsync(db => db.Actions.OrderBy(a => a.Assignee).Select(a => a.Assignee).FirstAsync());
        var browser = await SignedInAsync(teamManager);

        var page = await browser.GetOkAsync("/actions");

        page.QuerySelectorAll("a[download]").Select(a => a.TextContent).ShouldBe(["Download as CSV", "Download as spreadsheet (XLSX)"]);
        Links(page, "Download as CSV").ShouldBe(["/reports/actions.csv"]);
        Links(page, "Download as spreadsheet (XLSX)").ShouldBe(["/reports/actions.xlsx"]);
        await ShouldDownloadAsTheApiDoesAsync(browser, world.App.ClientFor(teamManager), "/reports/actions.csv", "text/csv");
    }

    [Fact]
    public async Task AYoungAssessorCannotDownloadThroughThePagesEither()
    {
        var browser = await SignedInAsync(DemoUsers.YoungAssessor);

        foreach (var name in new[] { "dashboard", "trend", "agreement", "you-said-we-did", "actions" })
        {
            var response = await browser.Http.GetAsync($"/reports/{name}.csv?templateId={world.Reports.TemplateId}");
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var nobody = new Browser(world.App);
        (await nobody.Http.GetAsync("/reports/actions.xlsx")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
