using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// The principal social worker plans a round in a real browser: each question page, a mistake shown in the error
/// summary, the preview (also on a 360 px phone), then the round opened and its progress in the list.
/// </summary>
public sealed class RoundJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static ILocator Menu(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private async Task ContinueAsync(IPage page, string nextPath)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync($"**{nextPath}");
        await StepScreenshotAsync(page);
    }

    [Fact]
    public async Task APrincipalSocialWorkerPlansARoundChecksThePreviewAndOpensIt()
    {
        // A service of this test's own: the sample draws from every team, so it must not meet the other tests' audits.
        using var app = new AuditApiFactory();
        app.UseKestrel(0);
        app.StartServer();
        var names = await app.WithDbAsync(db => db.Staff.ToDictionaryAsync(s => s.UserName, s => s.DisplayName));
        var page = await NewPageAsync(Viewport.Desktop, app.ClientOptions.BaseAddress);
        await SignInAsync(page, DemoUsers.Psw);

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Rounds" }).ClickAsync();
        await page.WaitForURLAsync("**/rounds");
        await StepScreenshotAsync(page);
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Rounds");
        await CheckAccessibilityAsync(page, "rounds-empty-desktop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Plan a round" }).ClickAsync();
        await page.WaitForURLAsync("**/rounds/new?start=true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await StepScreenshotAsync(page);
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Enter a name for the round." })).ToHaveAttributeAsync("href", "#Name");
        await CheckAccessibilityAsync(page, "round-new-error-desktop");
        await summary.GetByRole(AriaRole.Link, new() { Name = "Select a template." }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio).First).ToBeFocusedAsync();

        await page.GetByLabel("Name of the round").FillAsync("Spring voice audit");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Voice of the child (Dudley principles)" }).CheckAsync();
        await ContinueAsync(page, "/rounds/new/scope");
        await CheckAccessibilityAsync(page, "round-scope-desktop");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Child Protection", Exact = true }).CheckAsync();
        await ContinueAsync(page, "/rounds/new/how");
        await CheckAccessibilityAsync(page, "round-how-desktop");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Sample at random from each team" }).CheckAsync();
        await page.GetByLabel("How many case files from each team").FillAsync("2");
        await page.GetByLabel("Leave out case files audited in the last").FillAsync("0");
        await ContinueAsync(page, "/rounds/new/graders");
        await CheckAccessibilityAsync(page, "round-graders-desktop");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = names[DemoUsers.Auditor] }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = names[DemoUsers.OtherAuditor] }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = names[DemoUsers.YoungAssessor] }).CheckAsync();
        await ContinueAsync(page, "/rounds/new/due-date");
        await CheckAccessibilityAsync(page, "round-due-date-desktop");
        await page.GetByLabel("Day").FillAsync("18");
        await page.GetByLabel("Month").FillAsync("12");
        await page.GetByLabel("Year").FillAsync("2026");
        await ContinueAsync(page, "/rounds/new/preview");

        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Check the round before you open it");
        var main = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(main).ToContainTextAsync("4 case files from 2 teams");
        var assignments = page.GetByRole(AriaRole.Table, new() { Name = "Who grades each case file" });
        await Assertions.Expect(assignments.GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(4);
        var planned = await assignments.GetByRole(AriaRole.Rowheader).AllInnerTextsAsync();
        await CheckAccessibilityAsync(page, "round-preview-desktop");

        await page.SetViewportSizeAsync(Viewport.Phone.Width, Viewport.Phone.Height);
        await page.ReloadAsync();
        await ScreenshotAsync(page, $"{TestName}-preview-phone");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Viewport.Phone.Width, "no sideways scrolling of the page");
        (await assignments.GetByRole(AriaRole.Rowheader).AllInnerTextsAsync()).ShouldBe(planned, "the preview keeps its sample");
        await CheckAccessibilityAsync(page, "round-preview-phone");
        await page.SetViewportSizeAsync(Viewport.Desktop.Width, Viewport.Desktop.Height);

        await page.GetByRole(AriaRole.Button, new() { Name = "Open this round" }).ClickAsync();
        await page.WaitForURLAsync("**/rounds/*?opened=true");
        await StepScreenshotAsync(page);
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Spring voice audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The round is open");
        var audits = page.GetByRole(AriaRole.Table, new() { Name = "The round's audits" });
        (await audits.GetByRole(AriaRole.Rowheader).AllInnerTextsAsync()).Order().ShouldBe(planned.Order());
        await CheckAccessibilityAsync(page, "round-desktop");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to rounds" }).ClickAsync();
        await page.WaitForURLAsync("**/rounds");
        await StepScreenshotAsync(page);
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Rounds and their progress" });
        var row = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Spring voice audit" });
        (await row.GetByRole(AriaRole.Cell).AllInnerTextsAsync()).ShouldBe(["4", "0", "0", "0", "0", "0", "0"]);
        await Assertions.Expect(row.GetByRole(AriaRole.Rowheader)).ToContainTextAsync("Due 18 December 2026");
        await CheckAccessibilityAsync(page, "rounds-desktop");
    }
}
