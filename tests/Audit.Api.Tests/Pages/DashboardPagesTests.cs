using System.Globalization;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Audit.Api.Tests.Features;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Pages;

/// <summary>The dashboard page, driven without a real browser: every figure in its tables is the API's.</summary>
public sealed class DashboardPagesTests(DashboardWorld world) : IClassFixture<DashboardWorld>
{
    private async Task<Browser> SignedInAsync(string userName)
    {
        var displayName = await world.Factory.WithDbAsync(db => db.Staff.Where(s => s.UserName == userName).Select(s => s.DisplayName).SingleAsync());
        var browser = new Browser(world.Factory);
        await browser.SignInAsync(displayName);
        return browser;
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static IElement Table(IDocument page, string caption) =>
        page.QuerySelectorAll("table").Single(t => Words(t.QuerySelector("caption")!.TextContent).StartsWith(caption, StringComparison.Ordinal));

    /// <summary>What a share's cell must say, from the API's figures.</summary>
    private static string Expected(JsonNode? share)
    {
        var total = share!["total"]!.GetValue<int>();
        if (total == 0)
        {
            return "No audits";
        }

        static string N(JsonNode? n) => n!.GetValue<decimal>().ToString("0.#", CultureInfo.InvariantCulture);
        var text = $"{N(share["percent"])}% {share["goodOrBetter"]!.GetValue<int>()} of {total} 95% CI {N(share["ci"]!["low"])}–{N(share["ci"]!["high"])}% "
            + (share["meetsTarget"]!.GetValue<bool>() ? "✓ Meets target" : "✗ Below target");
        return share["smallSample"]!.GetValue<bool>() ? text + " Small sample" : text;
    }

    [Fact]
    public async Task TheGridShowsTheApisFiguresForEveryPrincipleAndServiceArea()
    {
        var psw = await SignedInAsync(DemoUsers.Psw);
        var query = $"?templateId={world.FirstVersion}&from=2026-11-01&to=2027-02-01";
        var api = await world.Scenario.Psw.GetOkAsync("/api/dashboard" + query);

        var page = await psw.GetOkAsync("/dashboard" + query);

        page.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim()).ShouldContain("Dashboard");
        var table = Table(page, "Principles by service area");
        var columns = table.QuerySelectorAll("thead th").Skip(1).Select(th => th.TextContent.Trim()).ToList();
        columns.Count.ShouldBe(6);
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        var criteria = api.Arr("criteria");
        rows.Count.ShouldBe(criteria.Count);
        foreach (var (row, criterion) in rows.Zip(criteria))
        {
            var cells = row.QuerySelectorAll("td").ToList();
            var apiCells = api.Arr("cells").Where(c => c.Id("criterionId") == criterion.Id("criterionId")).ToList();
            cells.Select(c => Words(c.TextContent)).ShouldBe(apiCells.Select(Expected));
        }

        Words(page.QuerySelector(".govuk-summary-list__value")!.TextContent).ShouldBe(Expected(api["overall"]));
    }

    [Fact]
    public async Task TheTrendIsAnSvgWithATitleDescriptionAndTargetLineFollowedByATableOfTheApisFigures()
    {
        var psw = await SignedInAsync(DemoUsers.Psw);
        var query = $"?templateId={world.FirstVersion}&by=month";
        var api = await world.Scenario.Psw.GetOkAsync("/api/dashboard/trend" + query);

        var page = await psw.GetOkAsync("/dashboard" + query);

        var svg = page.QuerySelector("svg[role=img]")!;
        svg.GetAttribute("viewBox").ShouldBe("0 0 640 320");
        svg.QuerySelector("title")!.TextContent.ShouldContain("against the target of 65%");
        svg.QuerySelector("desc")!.TextContent.ShouldContain("from 2026-11 to 2027-01");
        svg.QuerySelectorAll("line[stroke-dasharray]").Length.ShouldBe(1);
        svg.QuerySelectorAll("polyline").Length.ShouldBeGreaterThanOrEqualTo(1 + api.Arr("criteria").Count);
        page.QuerySelectorAll("script").Where(s => s.TextContent.Contains("svg", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();

        var rows = Table(page, "The trend's figures").QuerySelectorAll("tbody tr").ToList();
        rows.Select(r => r.QuerySelector("th")!.TextContent.Trim()).ShouldBe(api.Arr("periods").Select(p => p.Str("period")));
        foreach (var (row, period) in rows.Zip(api.Arr("periods")))
        {
            row.QuerySelectorAll("td").Select(c => Words(c.TextContent))
                .ShouldBe(new[] { Expected(period!["overall"]) }.Concat(period.Arr("criteria").Select(Expected)));
        }
    }

    [Fact]
    public async Task AServiceManagerComparesOnlyTheirServicesTeamsWithTheApisFigures()
    {
        var manager = await SignedInAsync(DemoUsers.ServiceManager);
        var api = await world.Factory.ClientFor(DemoUsers.ServiceManager).GetOkAsync($"/api/dashboard/teams?templateId={world.FirstVersion}");

        var page = await manager.GetOkAsync($"/dashboard?templateId={world.FirstVersion}");

        var rows = Table(page, "Teams compared").QuerySelectorAll("tbody tr").ToList();
        rows.Select(r => r.QuerySelector("th")!.TextContent.Trim()).ShouldBe(api.Arr("teams").Select(t => t.Str("team")));
        rows.Count.ShouldBe(4);
        foreach (var (row, team) in rows.Zip(api.Arr("teams")))
        {
            Words(row.QuerySelectorAll("td")[1].TextContent).ShouldBe(Expected(team));
        }
    }

    [Fact]
    public async Task ABadDateIsShownInTheErrorSummaryAndWhatWasTypedIsKept()
    {
        var psw = await SignedInAsync(DemoUsers.Psw);

        var page = await psw.GetOkAsync($"/dashboard?templateId={world.FirstVersion}&from=2026-13-01");

        Words(page.QuerySelector(".govuk-error-summary")!.TextContent).ShouldContain("Enter the from date as a date");
        page.GetElementById("from")!.GetAttribute("value").ShouldBe("2026-13-01");
        page.QuerySelectorAll("table").ShouldBeEmpty();
    }

    [Fact]
    public async Task AYoungAssessorCannotOpenTheDashboard()
    {
        var assessor = await SignedInAsync(DemoUsers.YoungAssessor);

        var (response, _) = await assessor.GetAsync("/dashboard");

        ((int)response.StatusCode).ShouldBe(403);
    }
}
