using Audit.Api.Tests.Features;
using Audit.Api.Tests.Support;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// The principal social worker, on a 360 px phone, opens the monthly service report and the board report, chooses
/// the month and the year, and then prints them: with print media the header, navigation, filters, buttons and
/// footer are gone and the report is left. On a service of the test's own, seeded as the report tests seed it.
/// </summary>
public sealed class PrintedReportsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static async Task ShouldFitThePhoneAsync(IPage page) =>
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Viewport.Phone.Width, "no sideways scrolling");

    /// <summary>On screen the service's header, footer, filters and button show; printed, none of them does, and the report does.</summary>
    private static async Task ShouldPrintTheReportAloneAsync(IPage page, ILocator report, string name)
    {
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Show the report" });
        await Assertions.Expect(button).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Banner)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Contentinfo)).ToBeVisibleAsync();
        var print = page.GetByRole(AriaRole.Button, new() { Name = "Print this report" });
        await Assertions.Expect(print).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await ScreenshotAsync(page, name);
        await Assertions.Expect(page.GetByRole(AriaRole.Banner)).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Contentinfo)).ToBeHiddenAsync();
        await Assertions.Expect(button).ToBeHiddenAsync();
        await Assertions.Expect(print).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByLabel("Template")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByText("use your browser's print")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(report).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
    }

    [Fact]
    public async Task ThePswOpensBothReportsOnAPhoneAndPrintsThem()
    {
        await using var world = await ReportWorld.OnItsOwnPortAsync();
        var page = await NewPageAsync(Viewport.Phone, world.App.ClientOptions.BaseAddress);
        await SignInAsync(page, DemoUsers.Psw);

        await GoToAsync(page, "/reports/monthly");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Monthly service report: November 2026");
        await page.GetByLabel("Month", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "December 2026" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the report" }).ClickAsync();
        await page.WaitForURLAsync("**/reports/monthly?*month=2026-12*");
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("December 2026");
        var teams = page.GetByRole(AriaRole.Table, new() { Name = "Each team in December 2026, against November 2026" });
        await Assertions.Expect(teams).ToContainTextAsync("Early Help North");
        await ShouldFitThePhoneAsync(page);
        await CheckAccessibilityAsync(page, "monthly-report-phone");
        await ShouldPrintTheReportAloneAsync(page, teams, "monthly-report-printed");

        await page.GetByRole(AriaRole.Link, new() { Name = "The annual report for the Corporate Parenting Board" }).ClickAsync();
        await page.WaitForURLAsync("**/reports/board");
        await page.GetByLabel("Financial year").SelectOptionAsync(new SelectOptionValue { Label = "April 2026 to March 2027 (so far)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the report" }).ClickAsync();
        await page.WaitForURLAsync("**/reports/board?*year=2026*");
        await StepScreenshotAsync(page);
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Share good or better by quarter", Exact = false });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "7. You said, we did" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("[the worker]");
        await ShouldFitThePhoneAsync(page);
        await CheckAccessibilityAsync(page, "board-report-phone");
        await ShouldPrintTheReportAloneAsync(page, chart, "board-report-printed");
    }
}
