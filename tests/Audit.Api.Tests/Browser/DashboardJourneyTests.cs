using Audit.Api.Tests.Support;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// The principal social worker reads the dashboard in a real browser, on a desktop and on a 360 px phone: the grid,
/// the trend drawn as SVG with its table, the team comparison, and a mistyped date. Audits case files 38 and 39.
/// </summary>
public sealed class DashboardJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private AuditApiFactory App => Fixture.App;

    private static ILocator Menu(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });

    private async Task GradeTwoAuditsAsync()
    {
        var scenario = new Scenario(App);
        var criteria = await scenario.CriterionIdsAsync();
        foreach (var auditId in await scenario.PlanRoundAsync(count: 2, skip: 38))
        {
            await scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
            await scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        }
    }

    [Fact]
    public async Task ThePswReadsTheDashboardOnADesktopAndAPhone()
    {
        await GradeTwoAuditsAsync();
        var page = await NewPageAsync(Viewport.Desktop);
        await SignInAsync(page, DemoUsers.Psw);

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dashboard");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Principles by service area" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Share good or better by month, against the target of 65%" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Teams compared" })).ToContainTextAsync("Early Help North");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("95% CI");
        await CheckAccessibilityAsync(page, "dashboard-desktop");

        await page.GetByLabel("Trend by").SelectOptionAsync("quarter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the dashboard" }).ClickAsync();
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Trend by quarter" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Textbox, new() { Name = "From", Exact = true }).FillAsync("1 April");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the dashboard" }).ClickAsync();
        await StepScreenshotAsync(page);
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "From", Exact = true })).ToHaveValueAsync("1 April");
        await CheckAccessibilityAsync(page, "dashboard-error-desktop");

        var phone = await NewPageAsync(Viewport.Phone);
        await SignInAsync(phone, DemoUsers.Psw);
        await GoToAsync(phone, "/dashboard");
        await StepScreenshotAsync(phone);
        await Assertions.Expect(phone.GetByRole(AriaRole.Table, new() { Name = "Principles by service area" })).ToBeAttachedAsync();
        (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Viewport.Phone.Width, "no sideways scrolling");
        await CheckAccessibilityAsync(phone, "dashboard-phone");
    }
}
