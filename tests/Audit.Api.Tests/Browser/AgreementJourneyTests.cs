using Audit.Api.Tests.Support;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// The principal social worker asks whether the graders agree, on a 360 px phone in a real browser: the report for
/// all time, then November alone, then a date that is not real; a service manager reads it on a desktop. Every page
/// is checked with axe and screenshotted. The journey runs on a service of its own, so that the figures are its own.
/// </summary>
public sealed class AgreementJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task ThePswReadsWhetherTheGradersAgreeOnAPhone()
    {
        using var app = new AuditApiFactory();
        app.UseKestrel(0);
        app.StartServer();
        var scenario = new Scenario(app);
        await AgreementSeed.SeedAsync(app, scenario);
        var template = (await scenario.DudleyTemplateAsync()).Str("name");

        var page = await NewPageAsync(Viewport.Phone, app.ClientOptions.BaseAddress);
        await SignInAsync(page, DemoUsers.Psw);

        await GoToAsync(page, "/reports/agreement");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Do the graders agree?");
        await page.GetByLabel("Template").SelectOptionAsync(new SelectOptionValue { Label = template });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show agreement" }).ClickAsync();
        await page.WaitForURLAsync("**/reports/agreement?templateId=*");
        await StepScreenshotAsync(page);
        var main = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToHaveTextAsync($"{template}, all time");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "By criterion" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "By auditor and young assessor" })).ToContainTextAsync("Rhea Bramble");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Graders against the moderated grades" })).ToContainTextAsync("Consistently below");
        await page.GetByText("What these figures mean").ClickAsync();
        await Assertions.Expect(main).ToContainTextAsync("1 means they always agree");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        await CheckAccessibilityAsync(page, "agreement-all-time-phone");

        var from = page.GetByRole(AriaRole.Group, new() { Name = "From" });
        await from.GetByLabel("Day").FillAsync("1");
        await from.GetByLabel("Month").FillAsync("11");
        await from.GetByLabel("Year").FillAsync("2026");
        var upTo = page.GetByRole(AriaRole.Group, new() { Name = "Up to" });
        await upTo.GetByLabel("Day").FillAsync("1");
        await upTo.GetByLabel("Month").FillAsync("12");
        await upTo.GetByLabel("Year").FillAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show agreement" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToHaveTextAsync($"{template}, from 1 November 2026 up to 1 December 2026");
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "By auditor and young assessor" })).Not.ToContainTextAsync("Rhea Bramble");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        await CheckAccessibilityAsync(page, "agreement-november-phone");

        await from.GetByLabel("Day").FillAsync("31");
        await from.GetByLabel("Month").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show agreement" }).ClickAsync();
        await StepScreenshotAsync(page);
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(from.GetByLabel("Day")).ToHaveValueAsync("31");
        await CheckAccessibilityAsync(page, "agreement-error-phone");
        await summary.GetByRole(AriaRole.Link, new() { NameRegex = new("The start date must be a real date") }).ClickAsync();
        await Assertions.Expect(from.GetByLabel("Day")).ToBeFocusedAsync();

        var manager = await NewPageAsync(Viewport.Desktop, app.ClientOptions.BaseAddress);
        await SignInAsync(manager, DemoUsers.ServiceManager);
        await manager.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Do graders agree?" }).ClickAsync();
        await manager.WaitForURLAsync("**/reports/agreement");
        await StepScreenshotAsync(manager);
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Do the graders agree?");
        await CheckAccessibilityAsync(manager, "agreement-service-manager-desktop");
    }
}
