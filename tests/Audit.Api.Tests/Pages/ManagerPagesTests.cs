using System.Net;
using AngleSharp.Dom;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Pages;

/// <summary>The managers' pages and the notifications, driven without a real browser.</summary>
public sealed class ManagerPagesTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<Browser> SignedInAsync(string userName)
    {
        var displayName = await _factory.WithDbAsync(db => db.Staff.Where(s => s.UserName == userName).Select(s => s.DisplayName).SingleAsync());
        var browser = new Browser(_factory);
        await browser.SignInAsync(displayName);
        return browser;
    }

    private static string Heading(IDocument page) => page.QuerySelectorAll("h1").Single().TextContent.Trim();

    [Fact]
    public async Task TheTeamManagerSeesTheEvidenceAndClosesTheActionWithWhatChanged()
    {
        var scenario = new Scenario(_factory);
        var raised = await scenario.RaiseActionAsync(_factory, skip: 0);
        var manager = await SignedInAsync(raised.TeamManager);

        var list = await manager.GetOkAsync("/actions");
        Heading(list).ShouldBe("Your team's follow-up actions");
        list.QuerySelectorAll("a").ShouldContain(a => a.GetAttribute("href") == $"/actions/{raised.ActionId}");

        var page = await manager.GetOkAsync($"/actions/{raised.ActionId}");
        Heading(page).ShouldBe(raised.Criterion);
        var text = Browser.Text(page);
        text.ShouldContain("Final grade Requires improvement");
        text.ShouldContain(RaisedAction.AuditorEvidence);
        text.ShouldContain(RaisedAction.YoungAssessorEvidence);
        text.ShouldContain("Due " + raised.DueOn.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture));

        var empty = await manager.PressAsync(page, "Close action", $"/actions/{raised.ActionId}");
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        var invalid = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await empty.Content.ReadAsStringAsync());
        invalid.Title!.ShouldStartWith("Error: ");
        invalid.QuerySelector(".govuk-error-summary a")!.GetAttribute("href").ShouldBe("#WhatChanged");
        invalid.QuerySelector("#WhatChanged-error")!.TextContent.ShouldContain("Say what changed for the child.");

        invalid.QuerySelector("#WhatChanged")!.TextContent = "Her plan now says, in her words, that she sees her brother every week.";
        var closed = await PressWithTextareaAsync(manager, invalid, "Close action", $"/actions/{raised.ActionId}");
        closed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        closed.Headers.Location!.OriginalString.ShouldBe($"/actions/{raised.ActionId}/closed");
        var confirmation = await manager.GetOkAsync(closed.Headers.Location.OriginalString);
        Heading(confirmation).ShouldBe("Action closed");
        Browser.Text(confirmation).ShouldContain("the audit is now complete");
        (await scenario.AuditStateAsync(raised.AuditId)).ShouldBe("Completed");
    }

    [Fact]
    public async Task WhatWasTypedIsKeptWhenTheFormIsShownAgain()
    {
        var scenario = new Scenario(_factory);
        var raised = await scenario.RaiseActionAsync(_factory, skip: 0);
        var manager = await SignedInAsync(raised.TeamManager);
        var page = await manager.GetOkAsync($"/actions/{raised.ActionId}");

        page.QuerySelector("#WhatChanged")!.TextContent = new string('x', 4001);
        var response = await PressWithTextareaAsync(manager, page, "Close action", $"/actions/{raised.ActionId}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        again.QuerySelector("#WhatChanged")!.TextContent.ShouldBe(new string('x', 4001));
        again.QuerySelector(".govuk-error-summary a")!.GetAttribute("href").ShouldBe("#WhatChanged");
    }

    [Fact]
    public async Task WhenSomeoneElseClosedTheActionFirstThePageSaysSoAndShowsItClosed()
    {
        var scenario = new Scenario(_factory);
        var raised = await scenario.RaiseActionAsync(_factory, skip: 0);
        var first = await SignedInAsync(raised.TeamManager);
        var second = await SignedInAsync(raised.TeamManager);
        var firstPage = await first.GetOkAsync($"/actions/{raised.ActionId}");
        var secondPage = await second.GetOkAsync($"/actions/{raised.ActionId}");

        firstPage.QuerySelector("#WhatChanged")!.TextContent = "The plan now records what the child asked for.";
        (await PressWithTextareaAsync(first, firstPage, "Close action", $"/actions/{raised.ActionId}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        secondPage.QuerySelector("#WhatChanged")!.TextContent = "Something else I wanted to say.";
        var response = await PressWithTextareaAsync(second, secondPage, "Close action", $"/actions/{raised.ActionId}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var text = Browser.Text(page);
        text.ShouldContain("Someone else closed this action before you.");
        text.ShouldContain("The plan now records what the child asked for.");
        text.ShouldContain("Something else I wanted to say.");
        page.QuerySelector("textarea").ShouldBeNull();
    }

    [Fact]
    public async Task TheTeamManagersAuditsAreTheirTeamsOnly()
    {
        var scenario = new Scenario(_factory);
        var caseFiles = (await scenario.Psw.GetOkAsync("/api/case-files")).AsArray();
        var raised = await scenario.RaiseActionAsync(_factory, skip: 0);
        var otherTeam = caseFiles.Select((c, i) => (c, i)).First(x => x.c.Id("teamId") != raised.TeamId).i;
        var other = (await scenario.PlanRoundAsync(skip: otherTeam)).Single();
        var manager = await SignedInAsync(raised.TeamManager);

        var page = await manager.GetOkAsync("/team/audits");

        Heading(page).ShouldBe("Your team's audits");
        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldContain($"/audits/{raised.AuditId}");
        links.ShouldNotContain($"/audits/{other}");
        Browser.Text(page).ShouldContain("Follow-up actions open");
    }

    [Fact]
    public async Task TheServiceManagerSeesCountsForTheirServiceOnlyAndTheEscalatedAction()
    {
        var scenario = new Scenario(_factory);
        var raised = await scenario.RaiseActionAsync(_factory, skip: 0);
        await using (await _factory.RunLateAsync(raised))
        {
            var manager = await SignedInAsync(raised.ServiceManager);
            var page = await manager.GetOkAsync("/service");

            Heading(page).ShouldBe("Overdue and escalated actions");
            var rows = page.QuerySelectorAll("table tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
            rows.ShouldBe([[raised.TeamName, "1", "1", "1"]]);
            var item = page.QuerySelectorAll("main li").Single(li => li.QuerySelector($"a[href='/actions/{raised.ActionId}']") is not null);
            Browser.Text(page).ShouldContain("Actions running late (1)");
            item.TextContent.ShouldContain("Escalated");
            item.TextContent.ShouldContain("Overdue");

            var otherService = raised.ServiceManager == "sam.rook" ? "lena.marsh" : "sam.rook";
            var other = await (await SignedInAsync(otherService)).GetOkAsync("/service");
            other.QuerySelectorAll("table").ShouldBeEmpty();
            Browser.Text(other).ShouldContain("Actions running late (0)");
            (await (await SignedInAsync(otherService)).GetAsync($"/actions/{raised.ActionId}")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task TheHeaderCountsUnreadNotificationsAndMarkingOneReadLowersIt()
    {
        var scenario = new Scenario(_factory);
        var raised = await scenario.RaiseActionAsync(_factory, skip: 0);
        var manager = await SignedInAsync(raised.TeamManager);

        var page = await manager.GetOkAsync("/notifications");
        Heading(page).ShouldBe("Your notifications");
        page.QuerySelectorAll("header a").Select(a => a.TextContent.Trim()).ShouldContain("Notifications (1 unread)");
        Browser.Text(page).ShouldContain("Unread");
        page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ShouldContain($"/audits/{raised.AuditId}");

        var marked = await manager.PressAsync(page, "Mark as read");
        marked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await manager.GetOkAsync(marked.Headers.Location!.OriginalString);
        after.QuerySelectorAll("header a").Select(a => a.TextContent.Trim()).ShouldContain("Notifications");
        after.QuerySelectorAll("button").Select(b => b.TextContent).ShouldNotContain(t => t.StartsWith("Mark as read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AYoungAssessorsNotificationsNameNoChildTeamOrWorker()
    {
        var scenario = new Scenario(_factory);
        var raised = await scenario.RaiseActionAsync(_factory, skip: 0);
        var caseFile = (await scenario.Psw.GetOkAsync($"/api/audits/{raised.AuditId}"))["caseFile"]!;
        var youngAssessor = await SignedInAsync(DemoUsers.YoungAssessor);

        var page = await youngAssessor.GetOkAsync("/notifications");

        var main = page.QuerySelector("main")!.TextContent;
        main.ShouldContain("case file(s) to grade");
        main.ShouldNotContain(caseFile.Str("reference"));
        main.ShouldNotContain(caseFile.Str("worker"));
        main.ShouldNotContain(raised.TeamName);
        main.ShouldNotContain(raised.TeamManagerName);
    }

    [Theory]
    [InlineData("/actions")]
    [InlineData("/team/audits")]
    [InlineData("/service")]
    public async Task GradersCannotOpenTheManagersPages(string url)
    {
        foreach (var grader in new[] { DemoUsers.Auditor, DemoUsers.YoungAssessor })
        {
            var (response, page) = await (await SignedInAsync(grader)).GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{grader} {url}");
            Heading(page).ShouldBe("You cannot do this");
        }
    }

    [Fact]
    public async Task AnotherTeamsManagerGetsPageNotFoundForTheActionAndNoForm()
    {
        var scenario = new Scenario(_factory);
        var raised = await scenario.RaiseActionAsync(_factory, skip: 0);
        var otherManager = raised.TeamManager == "cora.vane" ? "nia.holt" : "cora.vane";

        var other = await SignedInAsync(otherManager);
        (await other.GetAsync($"/actions/{raised.ActionId}")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/actions/{raised.ActionId}/closed")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var psw = await SignedInAsync(DemoUsers.Psw);
        var page = await psw.GetOkAsync($"/actions/{raised.ActionId}");
        page.QuerySelector("textarea").ShouldBeNull();
        Browser.Text(page).ShouldContain(RaisedAction.YoungAssessorEvidence);
    }

    [Fact]
    public async Task EveryManagerPageHasOneHeadingAndItsOwnTitle()
    {
        var scenario = new Scenario(_factory);
        var raised = await scenario.RaiseActionAsync(_factory, skip: 0);
        var manager = await SignedInAsync(raised.TeamManager);
        var titles = new List<string>();

        foreach (var url in new[] { "/actions", $"/actions/{raised.ActionId}", "/team/audits", "/service", "/notifications" })
        {
            var page = await manager.GetOkAsync(url);
            page.QuerySelectorAll("h1").Length.ShouldBe(1, url);
            titles.Add(page.Title!);
        }

        titles.Distinct().Count().ShouldBe(titles.Count);
    }

    /// <summary>Presses a button, sending the form's inputs and textareas as they now read.</summary>
    private static async Task<HttpResponseMessage> PressWithTextareaAsync(Browser browser, IDocument page, string buttonText, string url)
    {
        var button = page.QuerySelectorAll("button").Single(b => b.TextContent.Contains(buttonText, StringComparison.Ordinal));
        var form = button.Closest("form")!;
        var fields = form.QuerySelectorAll("input[name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(form.QuerySelectorAll("textarea[name]").Select(t => new KeyValuePair<string, string>(t.GetAttribute("name")!, t.TextContent)))
            .ToList();
        using var content = new FormUrlEncodedContent(fields);
        return await browser.Http.PostAsync(url, content);
    }
}
