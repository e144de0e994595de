using System.Net;
using Audit.Api.Tests.Support;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// Team managers and service managers at work in a real browser: the late actions, closing one with what changed
/// for the child, two tabs at once, the keyboard alone, and notifications. Each test audits case files of its own
/// (30 and up) so the tests sharing the service do not meet; any test that moves the clock sets it back.
/// </summary>
public sealed class ManagerJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string WhatChanged = "Her plan now says, in her own words, that she sees her brother every week.";

    private AuditApiFactory App => Fixture.App;

    private Task<RaisedAction> RaiseActionAsync(int skip) => new Scenario(App).RaiseActionAsync(App, skip);

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static ILocator Menu(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });

    private static ILocator ActionItem(IPage page, RaisedAction raised) =>
        page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.Locator($"a[href='/actions/{raised.ActionId}']") });

    [Fact]
    public async Task ATeamManagerSeesTheirEscalatedActionAndClosesItWithWhatChanged()
    {
        var raised = await RaiseActionAsync(skip: 30);
        await using var late = await App.RunLateAsync(raised);
        var page = await NewPageAsync(Viewport.Desktop);
        await SignInAsync(page, raised.TeamManager);

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Follow-up actions" }).ClickAsync();
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your team's follow-up actions");
        var item = ActionItem(page, raised);
        await Assertions.Expect(item).ToContainTextAsync("Escalated");
        await Assertions.Expect(item).ToContainTextAsync("Overdue");
        await Assertions.Expect(item).ToContainTextAsync($"Due {Day(raised.DueOn)}");
        await CheckAccessibilityAsync(page, "manager-actions-desktop");

        await item.GetByRole(AriaRole.Link).ClickAsync();
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(raised.Criterion);
        var main = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(main).ToContainTextAsync("Requires improvement");
        await Assertions.Expect(main).ToContainTextAsync(RaisedAction.AuditorEvidence);
        await Assertions.Expect(main).ToContainTextAsync(RaisedAction.YoungAssessorEvidence);
        await Assertions.Expect(main).ToContainTextAsync(Day(raised.DueOn));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Auditor" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Young assessor" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page, "manager-action-desktop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Close action" }).ClickAsync();
        await StepScreenshotAsync(page);
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(summary).ToBeVisibleAsync();
        var toField = summary.GetByRole(AriaRole.Link, new() { Name = "Say what changed for the child." });
        await Assertions.Expect(toField).ToHaveAttributeAsync("href", "#WhatChanged");
        await CheckAccessibilityAsync(page, "manager-action-error-desktop");
        await toField.ClickAsync();
        await Assertions.Expect(page.GetByLabel("What changed for the child?")).ToBeFocusedAsync();

        await page.GetByLabel("What changed for the child?").FillAsync(WhatChanged);
        await page.GetByRole(AriaRole.Button, new() { Name = "Close action" }).ClickAsync();
        await page.WaitForURLAsync($"**/actions/{raised.ActionId}/closed");
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Action closed");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(WhatChanged);
        await CheckAccessibilityAsync(page, "manager-action-closed-desktop");
        (await new Scenario(App).AuditStateAsync(raised.AuditId)).ShouldBe("Completed");

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Your team's audits" }).ClickAsync();
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your team's audits");
        await Assertions.Expect(page.Locator($"a[href='/audits/{raised.AuditId}']")).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page, "manager-team-audits-desktop");
    }

    [Fact]
    public async Task ATeamManagersAuditsAreTheirTeamsOnly()
    {
        var raised = await RaiseActionAsync(skip: 31);
        var scenario = new Scenario(App);
        var caseFiles = (await scenario.Psw.GetOkAsync("/api/case-files")).AsArray();
        var otherTeamsFile = Enumerable.Range(38, 4).First(i => caseFiles[i].Id("teamId") != raised.TeamId);
        var otherTeamsAudit = (await scenario.PlanRoundAsync(skip: otherTeamsFile)).Single();
        var psw = scenario.Psw;
        var page = await NewPageAsync(Viewport.Phone);
        await SignInAsync(page, raised.TeamManager);

        await GoToAsync(page, "/team/audits");

        var shown = await page.GetByRole(AriaRole.Main).Locator("a[href^='/audits/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        shown.ShouldContain($"/audits/{raised.AuditId}");
        foreach (var href in shown)
        {
            var audit = await psw.GetOkAsync("/api" + href);
            audit["caseFile"].Id("teamId").ShouldBe(raised.TeamId, href);
        }

        shown.ShouldNotContain($"/audits/{otherTeamsAudit}");
        await CheckAccessibilityAsync(page, "manager-team-audits-phone");
    }

    [Theory]
    [InlineData("desktop", 32)]
    [InlineData("phone", 33)]
    public async Task AServiceManagerSeesCountsForTheirOwnServiceAndTheEscalatedActions(string screen, int skip)
    {
        var viewport = screen == "phone" ? Viewport.Phone : Viewport.Desktop;
        var raised = await RaiseActionAsync(skip);
        var ownTeams = (await new Scenario(App).Psw.GetOkAsync("/api/teams")).AsArray()
            .Where(t => t.Str("serviceManager") == raised.ServiceManager).Select(t => t.Str("name")).ToList();
        await using var late = await App.RunLateAsync(raised);
        var page = await NewPageAsync(viewport);
        await SignInAsync(page, raised.ServiceManager);

        if (screen == "phone")
        {
            await GoToAsync(page, "/service");
        }
        else
        {
            await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Overdue and escalated actions" }).ClickAsync();
            await StepScreenshotAsync(page);
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overdue and escalated actions");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Open actions by team" });
        var rowHeaders = await table.GetByRole(AriaRole.Rowheader).AllInnerTextsAsync();
        rowHeaders.ShouldContain(raised.TeamName);
        rowHeaders.ShouldAllBe(team => ownTeams.Contains(team));
        var row = table.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = raised.TeamName, Exact = true }) });
        var cells = await row.GetByRole(AriaRole.Cell).AllInnerTextsAsync();
        int.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1, "escalated");

        var item = ActionItem(page, raised);
        await Assertions.Expect(item).ToContainTextAsync("Escalated");
        await Assertions.Expect(item).ToContainTextAsync("Overdue");
        await Assertions.Expect(item).ToContainTextAsync(raised.TeamName);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(viewport.Width, "no sideways scrolling");
        await CheckAccessibilityAsync(page, $"service-manager-{screen}");

        await item.GetByRole(AriaRole.Link).ClickAsync();
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(raised.Criterion);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Close action" })).ToHaveCountAsync(0);
        await CheckAccessibilityAsync(page, $"service-manager-action-{screen}");
    }

    [Fact]
    public async Task NotificationsAreCountedInTheHeaderMarkedReadAndLeadToTheirAction()
    {
        var raised = await RaiseActionAsync(skip: 34);
        await using var late = await App.RunLateAsync(raised);
        var manager = App.ClientFor(raised.ServiceManager);
        var unread = (await manager.GetOkAsync("/api/notifications/unread-count"))["unread"]!.GetValue<int>();
        unread.ShouldBeGreaterThanOrEqualTo(1);
        var page = await NewPageAsync(Viewport.Desktop);
        await SignInAsync(page, raised.ServiceManager);

        var header = page.GetByRole(AriaRole.Banner);
        await header.GetByRole(AriaRole.Link, new() { Name = $"Notifications ({unread} unread)" }).ClickAsync();
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your notifications");
        var item = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.Locator($"a[href='/actions/{raised.ActionId}']") });
        await Assertions.Expect(item).ToContainTextAsync("Unread");
        await Assertions.Expect(item).ToContainTextAsync("escalated to you");
        await CheckAccessibilityAsync(page, "notifications-desktop");

        await item.GetByRole(AriaRole.Button, new() { Name = "Mark as read" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await StepScreenshotAsync(page);
        var fewer = unread - 1 == 0 ? "Notifications" : $"Notifications ({unread - 1} unread)";
        await Assertions.Expect(header.GetByRole(AriaRole.Link, new() { Name = fewer, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(item).ToContainTextAsync("Read");
        await Assertions.Expect(item.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await CheckAccessibilityAsync(page, "notifications-after-read-desktop");

        await item.GetByRole(AriaRole.Link, new() { Name = "Open the action" }).ClickAsync();
        await page.WaitForURLAsync($"**/actions/{raised.ActionId}");
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(raised.Criterion);
    }

    [Fact]
    public async Task ATeamManagersNotificationLinksToTheAudit()
    {
        var raised = await RaiseActionAsync(skip: 35);
        var page = await NewPageAsync(Viewport.Phone);
        await SignInAsync(page, raised.TeamManager);

        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { NameRegex = new("^Notifications \\(\\d+ unread\\)$") }).ClickAsync();
        await StepScreenshotAsync(page);

        var toAudit = page.GetByRole(AriaRole.Main).Locator($"a[href='/audits/{raised.AuditId}']");
        await Assertions.Expect(toAudit).ToHaveCountAsync(1);
        await Assertions.Expect(toAudit).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^Open the audit"));
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Viewport.Phone.Width, "no sideways scrolling");
        await CheckAccessibilityAsync(page, "notifications-phone");
    }

    [Fact]
    public async Task WhenTheActionWasClosedInAnotherTabThePageSaysSoAndShowsItClosed()
    {
        var raised = await RaiseActionAsync(skip: 36);
        var first = await NewPageAsync(Viewport.Desktop);
        await SignInAsync(first, raised.TeamManager);
        var second = await first.Context.NewPageAsync();
        await GoToAsync(first, $"/actions/{raised.ActionId}");
        await GoToAsync(second, $"/actions/{raised.ActionId}");

        await first.GetByLabel("What changed for the child?").FillAsync(WhatChanged);
        await first.GetByRole(AriaRole.Button, new() { Name = "Close action" }).ClickAsync();
        await first.WaitForURLAsync($"**/actions/{raised.ActionId}/closed");
        await StepScreenshotAsync(first);

        await second.GetByLabel("What changed for the child?").FillAsync("The worker visited the child at school.");
        var response = await second.RunAndWaitForResponseAsync(
            () => second.GetByRole(AriaRole.Button, new() { Name = "Close action" }).ClickAsync(),
            r => r.Request.Method == "POST");
        await second.WaitForLoadStateAsync();
        await StepScreenshotAsync(second);

        response.Status.ShouldBe((int)HttpStatusCode.OK);
        var main = second.GetByRole(AriaRole.Main);
        await Assertions.Expect(main).ToContainTextAsync("Someone else closed this action before you.");
        await Assertions.Expect(main).ToContainTextAsync("Closed");
        await Assertions.Expect(main).ToContainTextAsync(WhatChanged);
        await Assertions.Expect(main).ToContainTextAsync("The worker visited the child at school.");
        await Assertions.Expect(second.GetByLabel("What changed for the child?")).ToHaveCountAsync(0);
        await CheckAccessibilityAsync(second, "action-closed-elsewhere-desktop");
    }

    [Fact]
    public async Task ATeamManagerClosesAnActionByKeyboardAlone()
    {
        var raised = await RaiseActionAsync(skip: 37);
        var page = await NewPageAsync(Viewport.Desktop);
        await SignInAsync(page, raised.TeamManager);
        await GoToAsync(page, $"/actions/{raised.ActionId}");
        await CheckAccessibilityAsync(page, "action-keyboard-desktop");

        var field = await TabToAsync(page, "What changed for the child?", limit: 60);
        field.Role.ShouldBe("textbox");
        await page.Keyboard.TypeAsync(WhatChanged);
        var button = await TabToAsync(page, "Close action");
        button.Role.ShouldBe("button");
        await PressAsync(page, "Enter");

        new Uri(page.Url).AbsolutePath.ShouldBe($"/actions/{raised.ActionId}/closed");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Action closed");
        await CheckAccessibilityAsync(page, "action-closed-keyboard-desktop");
        (await new Scenario(App).AuditStateAsync(raised.AuditId)).ShouldBe("Completed");
    }
}
