using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Audit.Api.Tests.Support;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Pages;

/// <summary>The case-file list and the import page, driven without a real browser.</summary>
public sealed class CaseFilePagesTests : IDisposable
{
    private const string Header = "reference,team,serviceArea,stage,worker,childAgeBand";
    private static readonly HtmlParser Parser = new();
    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<Browser> SignedInAsync(string userName = DemoUsers.Psw)
    {
        var displayName = await _factory.WithDbAsync(db => db.Staff.Where(s => s.UserName == userName).Select(s => s.DisplayName).SingleAsync());
        var browser = new Browser(_factory);
        await browser.SignInAsync(displayName);
        return browser;
    }

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) => Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    private static List<string> References(IDocument page) => page.QuerySelectorAll("tbody tr th").Select(th => th.TextContent.Trim()).ToList();

    private static string Showing(IDocument page) => Browser.Text(Parser.ParseDocument(page.QuerySelector("[role=status]")!.OuterHtml));

    private static List<string> NavLinks(IDocument page) => page.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim()).ToList();

    private static async Task<HttpResponseMessage> UploadAsync(Browser browser, string? csv, string fileName = "export.csv")
    {
        var page = await browser.GetOkAsync("/case-files/import");
        return await browser.UploadAsync(page, "Import file", "file", fileName, csv);
    }

    [Fact]
    public async Task TheListFiltersByTeamServiceAreaStageAndReference()
    {
        var psw = await SignedInAsync();
        var team = await _factory.WithDbAsync(db => db.Teams.SingleAsync(t => t.Name == "Child Protection Central"));
        var expected = await _factory.WithDbAsync(db => db.CaseFiles
            .Where(c => c.TeamId == team.Id && c.ServiceArea == ServiceArea.ChildProtection && c.Stage == Stage.Review).Select(c => c.Reference).ToListAsync());
        expected.ShouldNotBeEmpty();

        var page = await psw.GetOkAsync($"/case-files?teamId={team.Id}&serviceArea=ChildProtection&stage=Review&reference=CF-");

        page.QuerySelector("h1")!.TextContent.Trim().ShouldBe("Case files");
        NavLinks(page).ShouldContain("Case files");
        References(page).ShouldBe(expected.Order(StringComparer.Ordinal));
        Showing(page).ShouldBe($"Showing 1 to {expected.Count} of {expected.Count}");
        var row = page.QuerySelectorAll("tbody tr")[0];
        Browser.Text(Parser.ParseDocument(row.OuterHtml)).ShouldContain("Child Protection Central Child Protection Review");
        page.QuerySelector("select#stage option[selected]")!.TextContent.ShouldBe("Review");
        page.QuerySelector("select#teamId option[selected]")!.GetAttribute("value").ShouldBe(team.Id.ToString());
        page.QuerySelector("input#reference")!.GetAttribute("value").ShouldBe("CF-");
        References(await psw.GetOkAsync("/case-files?reference=100007")).ShouldBe(["CF-100007"]);
    }

    [Fact]
    public async Task PageLinksKeepTheFilters()
    {
        var psw = await SignedInAsync();
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 60; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"PAGE-{i:D3},Early Help North,EarlyHelp,Plan,Pia Lorne,5-9\n");
        }

        (await UploadAsync(psw, csv.ToString())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var total = await _factory.WithDbAsync(db => db.CaseFiles.CountAsync(c => c.ServiceArea == ServiceArea.EarlyHelp && c.Stage == Stage.Plan));

        var first = await psw.GetOkAsync("/case-files?serviceArea=EarlyHelp&stage=Plan");

        Showing(first).ShouldBe($"Showing 1 to 50 of {total}");
        References(first).Count.ShouldBe(50);
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        next.ShouldBe("/case-files?serviceArea=EarlyHelp&stage=Plan&page=2");
        var second = await psw.GetOkAsync(next);
        Showing(second).ShouldBe($"Showing 51 to {total} of {total}");
        References(second).ShouldAllBe(r => r.StartsWith("PAGE-", StringComparison.Ordinal));
        second.QuerySelector("a[rel=prev]")!.GetAttribute("href").ShouldBe("/case-files?serviceArea=EarlyHelp&stage=Plan");
        References(first).Concat(References(second)).ShouldBeUnique();
    }

    [Fact]
    public async Task AFilterValueThatIsNotAChoiceShowsTheErrorSummary()
    {
        var psw = await SignedInAsync();

        var page = await psw.GetOkAsync("/case-files?stage=Sometime&serviceArea=EarlyHelp");

        page.QuerySelectorAll(".govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim()))
            .ShouldBe([("#stage", "Select a stage from the list")]);
        page.QuerySelector("tbody").ShouldBeNull();
    }

    [Fact]
    public async Task UploadingABadFileShowsEveryFaultAndImportsNothing()
    {
        var psw = await SignedInAsync();
        var before = await _factory.WithDbAsync(db => db.CaseFiles.CountAsync());
        var csv = $"""
            {Header}
            CF-900001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9
            CF-900002,No Such Team,EarlyHelp,Review,Orrin Vale,10-15
            CF-900001,Early Help North,ChildProtection,Sometime,,Teenager
            """;

        var response = await UploadAsync(psw, csv, "bad-export.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        var summary = page.QuerySelector(".govuk-error-summary")!;
        summary.TextContent.ShouldContain("The file was not imported because it has 6 problems. Correct the file and upload it again");
        summary.QuerySelector("a")!.GetAttribute("href").ShouldBe("#file");
        page.QuerySelector("h2.govuk-heading-m")!.TextContent.ShouldContain("bad-export.csv");
        var faults = page.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        faults.Select(f => $"{f[0]}:{f[1]}").ShouldBe(["3:team", "4:reference", "4:serviceArea", "4:stage", "4:worker", "4:childAgeBand"]);
        faults[0][2].ShouldBe("There is no team named 'No Such Team'.");
        (await _factory.WithDbAsync(db => db.CaseFiles.CountAsync())).ShouldBe(before);
    }

    /// <summary>A case file's row as the export would have it today, with another worker if given.</summary>
    private Task<string> RowAsItIsAsync(string reference, string? worker = null) => _factory.WithDbAsync(async db =>
    {
        var caseFile = await db.CaseFiles.SingleAsync(c => c.Reference == reference);
        var team = await db.Teams.SingleAsync(t => t.Id == caseFile.TeamId);
        return $"{reference},{team.Name},{team.ServiceArea},{caseFile.Stage},{worker ?? caseFile.AllocatedWorker},{caseFile.ChildAgeBand}";
    });

    [Fact]
    public async Task UploadingAGoodFileSaysHowManyWereAddedUpdatedAndUnchanged()
    {
        var psw = await SignedInAsync();
        var csv = $"""
            {Header}
            CF-900001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9
            CF-900002,Children Looked After,ChildrenLookedAfter,Review,Orrin Vale,10-15
            {await RowAsItIsAsync("CF-100001", worker: "Someone New")}
            {await RowAsItIsAsync("CF-100002")}
            """;

        var response = await UploadAsync(psw, csv);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/case-files");
        var list = await psw.GetOkAsync("/case-files");
        var banner = list.QuerySelector(".govuk-notification-banner--success")!;
        banner.GetAttribute("role").ShouldBe("alert");
        banner.QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim().ShouldBe("4 rows imported: 2 added, 1 updated, 1 unchanged");
        (await psw.GetOkAsync("/case-files")).QuerySelector(".govuk-notification-banner").ShouldBeNull("the banner shows once");
        (await _factory.WithDbAsync(db => db.CaseFiles.SingleAsync(c => c.Reference == "CF-100001"))).AllocatedWorker.ShouldBe("Someone New");
    }

    [Theory]
    [InlineData(null, "Select a CSV file to import")]
    [InlineData("", "The selected file is empty. Nothing was imported")]
    public async Task AMissingOrEmptyFileGetsTheErrorSummary(string? csv, string message)
    {
        var psw = await SignedInAsync();

        var response = await UploadAsync(psw, csv);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        page.QuerySelectorAll(".govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ShouldBe([("#file", message)]);
        page.QuerySelector("#file-error")!.TextContent.ShouldContain(message);
    }

    [Fact]
    public async Task ThePageTakesAFileLargerThanOtherRequestsMay()
    {
        var psw = await SignedInAsync();
        var worker = new string('x', 1_500_000);

        var response = await UploadAsync(psw, $"{Header}\nCF-900001,Early Help North,EarlyHelp,Assessment,{worker},5-9\n");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, "a 1.5 MB file reaches the import, past the 1 MB limit of other requests");
        var faults = (await ParseAsync(response)).QuerySelectorAll("tbody tr td").Select(td => td.TextContent.Trim()).ToList();
        faults.ShouldBe(["2", "worker", "The allocated worker is 1 to 200 characters."]);
    }

    [Fact]
    public async Task AnAuditorGetsTheListButNotTheImport()
    {
        var auditor = await SignedInAsync(DemoUsers.Auditor);

        var list = await auditor.GetOkAsync("/case-files");

        References(list).Count.ShouldBe(42);
        NavLinks(list).ShouldNotContain("Case files");
        list.QuerySelectorAll("a").Select(a => a.TextContent.Trim()).ShouldNotContain("Import case files");
        (await auditor.GetAsync("/case-files/import")).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var psw = await SignedInAsync();
        var form = await psw.GetOkAsync("/case-files/import");
        (await auditor.UploadAsync(form, "Import file", "file", "x.csv", $"{Header}\n")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _factory.WithDbAsync(db => db.CaseFiles.CountAsync())).ShouldBe(42);
    }
}
