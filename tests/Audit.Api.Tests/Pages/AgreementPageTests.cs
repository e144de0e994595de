using System.Globalization;
using AngleSharp.Dom;
using Audit.Api.Tests.Features;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Pages;

/// <summary>The agreement page, driven without a real browser: its tables against the computation over the stored grades.</summary>
public sealed class AgreementPageTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public AgreementPageTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private async Task<Browser> SignedInAsync(string userName = DemoUsers.Psw)
    {
        var displayName = await _factory.WithDbAsync(db => db.Staff.Where(s => s.UserName == userName).Select(s => s.DisplayName).SingleAsync());
        var browser = new Browser(_factory);
        await browser.SignInAsync(displayName);
        return browser;
    }

    private static IElement Table(IDocument page, string caption) =>
        page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Trim() == caption);

    private static List<List<string>> Rows(IElement table) =>
        [.. table.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList())];

    private static string SummaryValue(IDocument page, string key) =>
        page.QuerySelectorAll(".govuk-summary-list__row")
            .Single(r => r.QuerySelector(".govuk-summary-list__key")!.TextContent.Trim() == key)
            .QuerySelector(".govuk-summary-list__value")!.TextContent.Trim();

    private static string Percent(decimal? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "Not enough pairs to say";

    private static string Kappa(decimal? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "Not enough pairs to say";

    [Fact]
    public async Task ThePageShowsTheFiguresOfTheStoredGradesForTheMonthChosen()
    {
        var template = await AgreementSeed.SeedAsync(_factory, _scenario);
        var criteria = await _factory.WithDbAsync(db => db.Criteria.Where(c => c.TemplateId == template).OrderBy(c => c.Position).Select(c => new { c.Id, c.Title }).ToListAsync());
        var november = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = AgreementReportTests.PairsOf(AgreementReportTests.InPeriod(await AgreementReportTests.AuditsAsync(_factory), november, november.AddMonths(1)));
        var browser = await SignedInAsync();

        var page = await browser.GetOkAsync($"/reports/agreement?templateId={template}&from.Day=1&from.Month=11&from.Year=2026&to.Day=1&to.Month=12&to.Year=2026");

        page.QuerySelector("h2")!.TextContent.ShouldContain("from 1 November 2026 up to 1 December 2026");
        var overall = AgreementReportTests.Figures(rows);
        SummaryValue(page, "Pairs").ShouldBe(overall.Pairs.ToString(CultureInfo.InvariantCulture));
        SummaryValue(page, "Exact agreement").ShouldBe(Percent(overall.ExactAgreement));
        SummaryValue(page, "Weighted kappa").ShouldStartWith(Kappa(overall.WeightedKappa) + " (");

        var byCriterion = Rows(Table(page, "By criterion"));
        byCriterion.Select(r => r[0]).ShouldBe(criteria.Select(c => c.Title));
        for (var i = 0; i < criteria.Count; i++)
        {
            var expected = AgreementReportTests.Figures(rows.Where(r => r.CriterionId == criteria[i].Id).ToList());
            byCriterion[i][1].ShouldBe(expected.Pairs.ToString(CultureInfo.InvariantCulture));
            byCriterion[i][2].ShouldBe(Percent(expected.ExactAgreement));
            byCriterion[i][3].ShouldStartWith(Kappa(expected.WeightedKappa));
        }

        Rows(Table(page, "By auditor and young assessor")).Single().Take(3).ShouldBe(["Ivan Quill", "Jay", overall.Pairs.ToString(CultureInfo.InvariantCulture)], Case.Sensitive);
        var graders = Rows(Table(page, "Graders against the moderated grades"));
        graders.Select(g => (g[0], g[1], g[2], g[3], g[4])).ShouldBe(
        [
            ("Ivan Quill", "Auditor", "6", "-1.00", "Consistently below"),
            ("Jay", "Young assessor", "6", "+1.00", "Consistently above"),
        ]);
        page.QuerySelector("select[name=templateId] option[selected]")!.GetAttribute("value").ShouldBe(template.ToString());
    }

    [Fact]
    public async Task WithNoGradesItSaysInWordsThatThereAreNotEnoughPairs()
    {
        var browser = await SignedInAsync(DemoUsers.ServiceManager);

        var page = await browser.GetOkAsync("/reports/agreement");

        SummaryValue(page, "Pairs").ShouldBe("0");
        SummaryValue(page, "Weighted kappa").ShouldBe("Not enough pairs to say");
        SummaryValue(page, "Exact agreement").ShouldBe("Not enough pairs to say");
        Rows(Table(page, "By criterion")).ShouldAllBe(r => r[3] == "Not enough pairs to say");
        Browser.Text(page).ShouldContain("No auditor and young assessor both graded an audit in this period.");
        Browser.Text(page).ShouldContain("1 means they always agree, 0 means no more than chance");
    }

    [Fact]
    public async Task ADateThatIsNotRealOrAnEndBeforeTheStartIsExplainedAndKept()
    {
        var browser = await SignedInAsync();

        var notReal = await browser.GetOkAsync("/reports/agreement?from.Day=31&from.Month=2&from.Year=2026");
        var backwards = await browser.GetOkAsync("/reports/agreement?from.Day=1&from.Month=12&from.Year=2026&to.Day=1&to.Month=11&to.Year=2026");

        notReal.QuerySelector(".govuk-error-summary")!.TextContent.ShouldContain("The start date must be a real date");
        notReal.QuerySelector(".govuk-error-summary a")!.GetAttribute("href").ShouldBe("#from");
        notReal.GetElementById("from")!.GetAttribute("value").ShouldBe("31");
        notReal.QuerySelector(".govuk-summary-list").ShouldBeNull();
        backwards.QuerySelector(".govuk-error-summary")!.TextContent.ShouldContain("The end date must be after the start date.");
        backwards.QuerySelector(".govuk-error-summary a")!.GetAttribute("href").ShouldBe("#to");
        backwards.GetElementById("to-month")!.GetAttribute("value").ShouldBe("11");
    }

    [Fact]
    public async Task TheMenuOffersItToThePrincipalSocialWorkerAndServiceManagersOnly()
    {
        foreach (var (user, offered) in new[] { (DemoUsers.Psw, true), (DemoUsers.ServiceManager, true), (DemoUsers.Auditor, false) })
        {
            var page = await (await SignedInAsync(user)).GetOkAsync("/");
            page.QuerySelectorAll("nav a").Any(a => a.GetAttribute("href") == "/reports/agreement").ShouldBe(offered, user);
        }
    }
}
