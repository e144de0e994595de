using System.Text;
using Audit.Api.Tests.Features;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// The principal social worker, on a 360 px phone, reads the three views of each principle, imports the
/// participation app's evidence (a file with faults first, then a good one), and reads "You said, we did". On a
/// service of the test's own, seeded as the report tests seed it, so its audits never meet the other browser tests'.
/// </summary>
public sealed class ReportsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Header = "reference,month,hasAccount,statements,statementsBeforeReview,contributedToReview";

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task ThePswReadsTheThreeViewsImportsTheAppsEvidenceAndReadsYouSaidWeDidOnAPhone()
    {
        await using var world = await ReportWorld.OnItsOwnPortAsync();
        var page = await NewPageAsync(Viewport.Phone, world.App.ClientOptions.BaseAddress);
        await SignInAsync(page, DemoUsers.Psw);

        await GoToAsync(page, "/reports/three-views");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Three views of each principle");
        await page.GetByLabel("From").SelectOptionAsync(new SelectOptionValue { Label = "November 2026" });
        await page.GetByLabel("To (this month included)").SelectOptionAsync(new SelectOptionValue { Label = "December 2026" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the report" }).ClickAsync();
        await page.WaitForURLAsync("**/reports/three-views?*from=2026-11*");
        await StepScreenshotAsync(page);
        var table = page.GetByRole(AriaRole.Region, new() { Name = "Three views by month and service area" });
        var rows = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "2026" });
        (await rows.CountAsync()).ShouldBeGreaterThan(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("November 2026");
        await Assertions.Expect(page.GetByText("What each column means")).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page, "reports-three-views-phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import the app's evidence" }).ClickAsync();
        await page.WaitForURLAsync("**/evidence/import");
        await page.GetByLabel("Upload a CSV file").SetInputFilesAsync(Csv("bad-app-export.csv", $"""
            {Header}
            CF-100001,2026-12,true,4,2,true
            CF-NOPE,2026-12,yes,4,5,true
            """));
        await page.GetByRole(AriaRole.Button, new() { Name = "Import file" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" }))
            .ToContainTextAsync("The file was not imported because it has 3 problems");
        await StepScreenshotAsync(page);
        var faults = page.GetByRole(AriaRole.Region, new() { Name = "Problems in the file" }).GetByRole(AriaRole.Row);
        await Assertions.Expect(faults).ToHaveCountAsync(4);
        await Assertions.Expect(faults.Nth(1)).ToContainTextAsync("There is no case file with the reference 'CF-NOPE'.");
        await CheckAccessibilityAsync(page, "evidence-import-faults-phone");
        var before = await world.App.WithDbAsync(db => db.ParticipationEvidence.CountAsync());

        await page.GetByLabel("Upload a CSV file").SetInputFilesAsync(Csv("app-export.csv", $"""
            {Header}
            CF-100001,2026-12,true,4,2,true
            CF-100002,2026-11,true,3,0,false
            """));
        await page.GetByRole(AriaRole.Button, new() { Name = "Import file" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("2 rows imported: 1 added, 0 updated, 1 unchanged");
        await StepScreenshotAsync(page);
        await CheckAccessibilityAsync(page, "evidence-imported-phone");
        (await world.App.WithDbAsync(db => db.ParticipationEvidence.CountAsync())).ShouldBe(before + 1);

        await GoToAsync(page, "/reports/you-said-we-did?from=2026-11&to=2026-12");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You said, we did");
        await Assertions.Expect(page.GetByText("It does not name any child or any worker.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("What changed for the child").First).ToBeVisibleAsync();
        (await page.GetByRole(AriaRole.Heading, new() { Level = 3 }).CountAsync()).ShouldBeGreaterThan(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("CF-1000");
        await CheckAccessibilityAsync(page, "reports-you-said-we-did-phone");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360, "the page reads on a 360 px phone without scrolling sideways");
    }
}
