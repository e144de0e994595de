using Audit.Api.Tests.Support;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// The principal social worker moderates an audit on a 360 px phone in a real browser: the queue with the reasons
/// in words, both graders side by side (stacked on the phone), a form sent with mistakes, then each grade confirmed
/// or changed with a reason, and back to the queue. Every page is checked with axe and screenshotted. The journey
/// runs on a service of its own, so that the queue holds its audit alone.
/// </summary>
public sealed class ModerationJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task ThePswModeratesAnAuditOnAPhone()
    {
        using var app = new AuditApiFactory();
        app.UseKestrel(0);
        app.StartServer();
        var scenario = new Scenario(app);
        var criteria = await scenario.CriterionIdsAsync();
        var audit = (await scenario.PlanRoundAsync()).Single();
        await scenario.Auditor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good", (0, "Inadequate"), (1, "RequiresImprovement")));
        await scenario.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good", (0, "RequiresImprovement"), (1, "Outstanding")));

        var page = await NewPageAsync(Viewport.Phone, app.ClientOptions.BaseAddress);
        await SignInAsync(page, DemoUsers.Psw);

        await GoToAsync(page, "/moderation");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Moderation");
        var main = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(main).ToContainTextAsync("a grader graded it Inadequate.");
        await Assertions.Expect(main).ToContainTextAsync("the graders are 2 points apart.");
        await CheckAccessibilityAsync(page, "moderation-queue-phone");

        await main.GetByRole(AriaRole.Link, new() { NameRegex = new("moderate this audit") }).ClickAsync();
        await page.WaitForURLAsync($"**/moderation/{audit}");
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Moderate the audit of CF-");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Auditor ({DemoUsers.Auditor})" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Young assessor ({DemoUsers.YoungAssessor})" }).First).ToBeVisibleAsync();

        // On a phone the two graders stack: the young assessor's box starts below the auditor's.
        var boxes = page.Locator(".app-grader-grade");
        var auditorBox = (await boxes.Nth(0).BoundingBoxAsync())!;
        var youngAssessorBox = (await boxes.Nth(1).BoundingBoxAsync())!;
        youngAssessorBox.Y.ShouldBeGreaterThanOrEqualTo(auditorBox.Y + auditorBox.Height);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        await CheckAccessibilityAsync(page, "moderation-audit-phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save moderated grades" }).ClickAsync();
        await StepScreenshotAsync(page);
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page, "moderation-audit-errors-phone");
        await summary.GetByRole(AriaRole.Link, new() { Name = "Criterion 1: select the grade that counts." }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Grade that counts for criterion 1" }).GetByRole(AriaRole.Radio).First).ToBeFocusedAsync();

        for (var i = 0; i < criteria.Count; i++)
        {
            var grade = i switch { 0 => "Inadequate", 1 => "Good", _ => "Good" };
            await page.GetByRole(AriaRole.Group, new() { Name = $"Grade that counts for criterion {i + 1}" })
                .GetByRole(AriaRole.Radio, new() { Name = grade, Exact = true }).CheckAsync();
            await page.GetByLabel($"Reason for the grade for criterion {i + 1}").FillAsync(i == 1
                ? "Both graders found some of the child's views; the plan shows them acted on, so Good."
                : "Confirmed from the record.");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save moderated grades" }).ClickAsync();
        await page.WaitForURLAsync("**/moderation?moderated=*");
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("moderated");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("No audits are waiting for moderation.");
        await CheckAccessibilityAsync(page, "moderation-done-phone");
        (await scenario.Psw.GetOkAsync($"/api/audits/{audit}")).Str("state").ShouldNotBe("Moderation");
    }
}
