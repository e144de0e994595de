using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Audit.Api.Tests.Features;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Pages;

/// <summary>The three-views and "You said, we did" pages, driven without a real browser over the reports' seeded world.</summary>
public sealed class ReportPagesTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    private static readonly HtmlParser Parser = new();

    private async Task<Browser> SignedInAsync(string userName = DemoUsers.Psw)
    {
        var displayName = await world.App.WithDbAsync(db => db.Staff.Where(s => s.UserName == userName).Select(s => s.DisplayName).SingleAsync());
        var browser = new Browser(world.App);
        await browser.SignInAsync(displayName);
        return browser;
    }

    private static string Text(IElement element) => Browser.Text(Parser.ParseDocument(element.OuterHtml));

    private static string Share(System.Text.Json.Nodes.JsonNode? share) =>
        share!["total"]!.GetValue<int>() == 0
            ? "No grades"
            : $"{share["goodOrBetter"]} of {share["total"]} ({share["percent"]!.GetValue<decimal>().ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}%)";

    [Fact]
    public async Task TheThreeViewsTableShowsTheReportsFiguresRowByRow()
    {
        var psw = await SignedInAsync();
        var report = await world.Scenario.Psw.GetOkAsync($"/api/reports/three-views?templateId={world.TemplateId}&from=2026-11-01&to=2027-01-01");

        var page = await psw.GetOkAsync($"/reports/three-views?templateId={world.TemplateId}&from=2026-11&to=2026-12");

        page.QuerySelector("h1")!.TextContent.Trim().ShouldBe("Three views of each principle");
        var table = page.QuerySelectorAll("table").First(t => t.QuerySelector("caption")!.TextContent.Contains("by month and service area", StringComparison.Ordinal));
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(Text).ToList()).ToList();
        var expected = report.Arr("rows").Select(r =>
        {
            var children = r!["children"]!.GetValue<int>();
            string Of(string count, string percent) => children == 0 ? "None" : $"{r[count]} of {children} ({r[percent]!.GetValue<decimal>().ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}%)";
            var month = DateOnly.ParseExact(r.Str("period"), "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture).ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
            return new List<string>
            {
                $"{month} {Audit.Api.Pages.Audits.AuditWords.Of(Enum.Parse<Audit.Domain.Teams.ServiceArea>(r.Str("serviceArea")))}",
                children.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Of("withAccount", "withAccountPercent"),
                $"{r["statementsBeforeReview"]} of {r["statements"]}",
                Of("contributedToReview", "contributedPercent"),
                Share(r["auditor"]),
                Share(r["youngAssessor"]),
            };
        }).ToList();
        expected.ShouldNotBeEmpty();
        rows.ShouldBe(expected);
        Browser.Text(page).ShouldContain("What each column means");
        page.QuerySelector("select#from option[selected]")!.TextContent.ShouldBe("November 2026");
        page.QuerySelector("select#to option[selected]")!.TextContent.ShouldBe("December 2026");
    }

    [Fact]
    public async Task AMonthTypedIntoTheAddressThatIsNotAMonthIsShownAsAMistake()
    {
        var psw = await SignedInAsync();

        var page = await psw.GetOkAsync($"/reports/three-views?templateId={world.TemplateId}&from=last-year&serviceArea=Nowhere");

        page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim())
            .ShouldBe(["Select the first month from the list", "Select a service area from the list"], ignoreOrder: true);
    }

    [Fact]
    public async Task AServiceManagerOnlySeesTheirOwnServiceOnThePage()
    {
        var manager = await SignedInAsync(DemoUsers.ServiceManager);
        var theirs = (await world.App.ClientFor(DemoUsers.ServiceManager).GetOkAsync($"/api/reports/three-views?templateId={world.TemplateId}&from=2026-11-01&to=2027-01-01")).Arr("rows").Count;
        var all = (await world.Scenario.Psw.GetOkAsync($"/api/reports/three-views?templateId={world.TemplateId}&from=2026-11-01&to=2027-01-01")).Arr("rows").Count;
        theirs.ShouldBeLessThan(all);

        var page = await manager.GetOkAsync($"/reports/three-views?templateId={world.TemplateId}&from=2026-11&to=2026-12");

        page.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").Length.ShouldBe(theirs);
    }

    [Fact]
    public async Task YouSaidWeDidGroupsWhatChangedByPrincipleThenServiceAreaInPlainWords()
    {
        var psw = await SignedInAsync();
        var items = (await world.Scenario.Psw.GetOkAsync("/api/reports/you-said-we-did?from=2026-11-01&to=2027-01-01")).AsArray();

        var page = await psw.GetOkAsync("/reports/you-said-we-did?from=2026-11&to=2026-12");

        page.QuerySelectorAll("h2.govuk-heading-m").Select(h => h.TextContent.Trim()).Where(h => h != "Filter")
            .ShouldBe(items.Select(i => i.Str("principle")).Distinct());
        page.QuerySelectorAll("h3").Length.ShouldBe(items.Select(i => (i.Str("principle"), i.Str("serviceArea"))).Distinct().Count());
        page.QuerySelectorAll(".govuk-summary-list").Length.ShouldBe(items.Count);
        Browser.Text(page).ShouldContain($"Showing 1 to {items.Count} of {items.Count} changes");
        Browser.Text(page).ShouldContain("What changed for the child [the worker] met the child for [case file]; the child now chairs part of their review");
    }

    [Fact]
    public async Task YouSaidWeDidShowsNoCaseFileReferenceNorAnyWorkersOrManagersName()
    {
        var psw = await SignedInAsync();
        var (caseFiles, people) = await world.App.WithDbAsync(async db => (
            await db.CaseFiles.Select(c => new { c.Reference, c.AllocatedWorker }).ToListAsync(),
            await db.Staff.Select(s => s.DisplayName).ToListAsync()));

        var (response, page) = await psw.GetAsync("/reports/you-said-we-did?from=2026-11&to=2026-12");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var main = Browser.Text(Parser.ParseDocument(page.QuerySelector("main")!.OuterHtml));

        main.ShouldContain("chairs part of their review");
        world.ClosingWords.ShouldNotBeEmpty();
        foreach (var caseFile in caseFiles)
        {
            main.ShouldNotContain(caseFile.Reference, Case.Insensitive);
            main.ShouldNotContain(caseFile.AllocatedWorker, Case.Insensitive);
        }

        foreach (var name in people.Where(n => n.Length > 3))
        {
            main.ShouldNotContain(name, Case.Insensitive);
        }
    }

    [Fact]
    public async Task AYoungAssessorCannotOpenTheReports()
    {
        var youngAssessor = await SignedInAsync(DemoUsers.YoungAssessor);

        (await youngAssessor.GetAsync("/reports/you-said-we-did")).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await youngAssessor.GetAsync("/reports/three-views")).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
