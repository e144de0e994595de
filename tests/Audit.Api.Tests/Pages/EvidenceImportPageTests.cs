using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Pages;

/// <summary>The participation app's import page, driven without a real browser.</summary>
public sealed class EvidenceImportPageTests : IDisposable
{
    private const string Header = "reference,month,hasAccount,statements,statementsBeforeReview,contributedToReview";
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

    private static async Task<HttpResponseMessage> UploadAsync(Browser browser, string? csv, string fileName = "app-export.csv")
    {
        var page = await browser.GetOkAsync("/evidence/import");
        return await browser.UploadAsync(page, "Import file", "file", fileName, csv);
    }

    [Fact]
    public async Task UploadingABadFileShowsEveryFaultInATableAndImportsNothing()
    {
        var psw = await SignedInAsync();
        var csv = $"""
            {Header}
            CF-100001,2026-11,true,4,2,true
            CF-NOPE,2026-11,maybe,3,1,true
            """;

        var response = await UploadAsync(psw, csv, "bad-app-export.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        var summary = page.QuerySelector(".govuk-error-summary")!;
        summary.TextContent.ShouldContain("The file was not imported because it has 2 problems. Correct the file and upload it again");
        summary.QuerySelector("a")!.GetAttribute("href").ShouldBe("#file");
        page.QuerySelector("h2.govuk-heading-m")!.TextContent.ShouldContain("bad-app-export.csv");
        var faults = page.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        faults.ShouldBe([["3", "reference", "There is no case file with the reference 'CF-NOPE'."], ["3", "hasAccount", "'maybe' is not true or false."]]);
        (await _factory.WithDbAsync(db => db.ParticipationEvidence.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task UploadingAGoodFileComesBackWithASuccessBannerSayingWhatItDid()
    {
        var psw = await SignedInAsync();
        (await UploadAsync(psw, $"{Header}\nCF-100001,2026-11,true,4,2,true\n")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await UploadAsync(psw, $"{Header}\nCF-100001,2026-11,true,5,2,true\nCF-100002,2026-11,false,0,0,false\n");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/evidence/import");
        var page = await psw.GetOkAsync("/evidence/import");
        var banner = page.QuerySelector(".govuk-notification-banner--success")!;
        banner.GetAttribute("role").ShouldBe("alert");
        banner.QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim().ShouldBe("2 rows imported: 1 added, 1 updated, 0 unchanged");
        (await psw.GetOkAsync("/evidence/import")).QuerySelector(".govuk-notification-banner").ShouldBeNull("the banner shows once");
    }

    [Theory]
    [InlineData(null, "Select a CSV file to import")]
    [InlineData("", "The selected file is empty. Nothing was imported")]
    public async Task AMissingOrEmptyFileGetsTheErrorSummary(string? csv, string message)
    {
        var psw = await SignedInAsync();

        var page = await ParseAsync(await UploadAsync(psw, csv));

        page.QuerySelectorAll(".govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ShouldBe([("#file", message)]);
    }

    [Fact]
    public async Task OnlyThePswOpensTheImport()
    {
        var auditor = await SignedInAsync(DemoUsers.Auditor);

        (await auditor.GetAsync("/evidence/import")).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var psw = await SignedInAsync();
        var threeViews = await psw.GetOkAsync("/reports/three-views");
        threeViews.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain("/evidence/import");
    }
}
