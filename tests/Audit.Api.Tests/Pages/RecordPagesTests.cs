using System.Net;
using Audit.Api.Tests.Support;
using static Audit.Api.Tests.Pages.PageForms;

namespace Audit.Api.Tests.Pages;

/// <summary>The record, for the principal social worker alone: an audit's history with its hash-chain check, and who looked at a case file.</summary>
public sealed class RecordPagesTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public RecordPagesTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private async Task<(Guid Audit, Guid CaseFile)> GradedAuditAsync()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var audit = (await _scenario.PlanRoundAsync()).Single();
        _factory.Clock.Advance(TimeSpan.FromMinutes(30));
        await _scenario.Auditor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good"));
        _factory.Clock.Advance(TimeSpan.FromMinutes(30));
        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good"));
        var caseFile = (await _scenario.Psw.GetOkAsync($"/api/audits/{audit}"))["caseFile"]!.Id();
        return (audit, caseFile);
    }

    [Fact]
    public async Task TheHistoryShowsWhoDidWhatWhenFromWhichStateToWhichAndThatTheChainHolds()
    {
        var (audit, caseFile) = await GradedAuditAsync();
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);

        var page = await psw.GetOkAsync($"/audits/{audit}/history");

        Heading(page).ShouldBe("History");
        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        rows.Count.ShouldBe(3);
        rows[0][0].ShouldBe("2 November 2026 at 09:00");
        rows[0][1].ShouldBe(DemoUsers.Psw);
        rows[0][2].ShouldStartWith("Started the audit");
        rows[0][3].ShouldBe("None");
        rows[1][0].ShouldBe("2 November 2026 at 09:30");
        rows[1][1].ShouldBe(DemoUsers.Auditor);
        rows[1][2].ShouldStartWith("Submitted a grading");
        rows[2][1].ShouldBe(DemoUsers.YoungAssessor);
        rows[2][3].ShouldBe("Grading");
        rows[2][4].ShouldBe("Completed");
        Browser.Text(page).ShouldContain("The history is intact");
        Browser.Text(page).ShouldContain("All 3 lines check out");
        page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain($"/case-files/{caseFile}/who-looked");
    }

    [Fact]
    public async Task AHistoryChangedBehindTheServicesBackFailsTheCheckOnThePage()
    {
        var (audit, _) = await GradedAuditAsync();
        TestDatabase.TamperWith(
            _factory.Folder, "AuditHistory", $"UPDATE \"AuditHistory\" SET \"By\" = 'someone.else' WHERE \"Sequence\" = 2 AND {TestDatabase.IdIs("AuditId", audit)};");

        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        var page = await psw.GetOkAsync($"/audits/{audit}/history");

        Browser.Text(page).ShouldContain("The history has been changed");
        Browser.Text(page).ShouldContain("The hash chain breaks at line 2");
    }

    [Fact]
    public async Task WhoLookedListsEveryReadNewestFirstAndPages()
    {
        var (audit, caseFile) = await GradedAuditAsync();
        for (var i = 0; i < 55; i++)
        {
            _factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await _scenario.Auditor.GetOkAsync($"/api/audits/{audit}");
        }

        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        var first = await psw.GetOkAsync($"/case-files/{caseFile}/who-looked");

        Heading(first).ShouldBe("Who looked at this case file");
        var rows = first.QuerySelectorAll("tbody tr").ToList();
        rows.Count.ShouldBe(50);
        rows[0].QuerySelectorAll("td")[0].TextContent.Trim().ShouldBe("2 November 2026 at 10:55");
        rows[0].QuerySelectorAll("td")[1].TextContent.Trim().ShouldBe(DemoUsers.Auditor);
        rows[0].QuerySelectorAll("td")[2].TextContent.ShouldContain("The audit");
        rows[0].QuerySelector("a")!.GetAttribute("href").ShouldBe($"/audits/{audit}/history");
        var total = (await _scenario.Psw.GetAsync($"/api/case-files/{caseFile}/access-log?take=1")).Headers.GetValues("X-Total-Count").Single();
        Browser.Text(first).ShouldContain($"Showing 1 to 50 of {total}");

        var second = await psw.GetOkAsync($"/case-files/{caseFile}/who-looked?page=2");
        second.QuerySelectorAll("tbody tr").Count.ShouldBe(int.Parse(total, System.Globalization.CultureInfo.InvariantCulture) - 50);
    }

    [Fact]
    public async Task TheAuditsPageLinksToTheRecordForThePswAlone()
    {
        var (audit, caseFile) = await GradedAuditAsync();
        var links = new Dictionary<string, IReadOnlyList<string?>>();
        foreach (var userName in new[] { DemoUsers.Psw, DemoUsers.Auditor })
        {
            var page = await (await SignedInAsync(_factory, userName)).GetOkAsync($"/audits/{audit}");
            links[userName] = [.. page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href"))];
        }

        links[DemoUsers.Psw].ShouldContain($"/audits/{audit}/history");
        links[DemoUsers.Psw].ShouldContain($"/case-files/{caseFile}/who-looked");
        links[DemoUsers.Auditor].ShouldNotContain($"/audits/{audit}/history");
        links[DemoUsers.Auditor].ShouldNotContain($"/case-files/{caseFile}/who-looked");
    }

    [Theory]
    [InlineData(DemoUsers.Auditor)]
    [InlineData(DemoUsers.YoungAssessor)]
    public async Task OnlyThePrincipalSocialWorkerOpensTheRecord(string userName)
    {
        var (audit, caseFile) = await GradedAuditAsync();
        var browser = await SignedInAsync(_factory, userName);

        foreach (var url in new[] { $"/audits/{audit}/history", $"/case-files/{caseFile}/who-looked" })
        {
            var (response, page) = await browser.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
            Browser.Text(page).ShouldNotContain(DemoUsers.Psw);
        }
    }
}
