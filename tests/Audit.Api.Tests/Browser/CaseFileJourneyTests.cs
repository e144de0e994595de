using System.Text;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// The principal social worker finds case files with the filters, then imports the case-management export through
/// the browser's file chooser: a file with faults first (every fault listed, nothing imported), then a good one. On a
/// service of the test's own, so the case files it adds never meet the other browser tests'.
/// </summary>
public sealed class CaseFileJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Header = "reference,team,serviceArea,stage,worker,childAgeBand";

    private static ILocator Menu(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task ThePswFiltersCaseFilesThenImportsABadFileAndAGoodOne()
    {
        using var app = new AuditApiFactory();
        app.UseKestrel(0);
        app.StartServer();
        var page = await NewPageAsync(Viewport.Desktop, app.ClientOptions.BaseAddress);
        await SignInAsync(page, DemoUsers.Psw);

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Case files" }).ClickAsync();
        await page.WaitForURLAsync("**/case-files");
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Case files");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Showing 1 to 42 of 42");
        await CheckAccessibilityAsync(page, "case-files-desktop");

        await page.GetByLabel("Service area").SelectOptionAsync(new SelectOptionValue { Label = "Child Protection" });
        await page.GetByLabel("Stage").SelectOptionAsync(new SelectOptionValue { Label = "Review" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync("**/case-files?*serviceArea=ChildProtection*");
        await StepScreenshotAsync(page);
        var rows = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { HasText = "CF-" });
        (await rows.CountAsync()).ShouldBeGreaterThan(0);
        foreach (var row in await rows.AllAsync())
        {
            await Assertions.Expect(row).ToContainTextAsync("Child Protection");
            await Assertions.Expect(row).ToContainTextAsync("Review");
        }

        await Assertions.Expect(page.GetByLabel("Stage")).ToHaveValueAsync("Review");
        await CheckAccessibilityAsync(page, "case-files-filtered-desktop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import case files" }).ClickAsync();
        await page.WaitForURLAsync("**/case-files/import");
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Import case files");
        await CheckAccessibilityAsync(page, "case-files-import-desktop");

        await page.GetByLabel("Upload a CSV file").SetInputFilesAsync(Csv("bad-export.csv", $"""
            {Header}
            JRN-0001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9
            JRN-0002,No Such Team,EarlyHelp,Review,Orrin Vale,10-15
            JRN-0001,Early Help North,EarlyHelp,Sometime,,5-9
            """));
        await page.GetByRole(AriaRole.Button, new() { Name = "Import file" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(summary).ToContainTextAsync("The file was not imported because it has 4 problems");
        await StepScreenshotAsync(page);
        var faults = page.GetByRole(AriaRole.Region, new() { Name = "Problems in the file" }).GetByRole(AriaRole.Row);
        await Assertions.Expect(faults).ToHaveCountAsync(5);
        await Assertions.Expect(faults.Nth(1)).ToContainTextAsync("There is no team named 'No Such Team'.");
        await CheckAccessibilityAsync(page, "case-files-import-faults-desktop");
        (await app.WithDbAsync(db => db.CaseFiles.CountAsync())).ShouldBe(42);

        await page.GetByLabel("Upload a CSV file").SetInputFilesAsync(Csv("export.csv", $"""
            {Header}
            JRN-0001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9
            JRN-0002,Children Looked After,ChildrenLookedAfter,Review,Orrin Vale,10-15
            """));
        await page.GetByRole(AriaRole.Button, new() { Name = "Import file" }).ClickAsync();
        await page.WaitForURLAsync("**/case-files");
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("2 rows imported: 2 added, 0 updated, 0 unchanged");
        await CheckAccessibilityAsync(page, "case-files-imported-desktop");

        await page.GetByLabel("Reference").FillAsync("JRN-");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync("**/case-files?*reference=JRN-*");
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Showing 1 to 2 of 2");

        var phone = await NewPageAsync(Viewport.Phone, app.ClientOptions.BaseAddress);
        await SignInAsync(phone, DemoUsers.Psw);
        await GoToAsync(phone, "/case-files?serviceArea=ChildProtection");
        await CheckAccessibilityAsync(phone, "case-files-phone");
    }
}
