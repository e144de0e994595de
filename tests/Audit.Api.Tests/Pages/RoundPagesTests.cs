using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Pages;

/// <summary>The principal social worker's round pages, driven through their forms without a real browser (so without JavaScript).</summary>
public sealed class RoundPagesTests : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public RoundPagesTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private async Task<Browser> SignedInAsync()
    {
        var displayName = await _factory.WithDbAsync(db => db.Staff.Where(s => s.UserName == DemoUsers.Psw).Select(s => s.DisplayName).SingleAsync());
        var browser = new Browser(_factory);
        await browser.SignInAsync(displayName);
        return browser;
    }

    private static string Heading(IDocument page) => page.QuerySelectorAll("h1").Single().TextContent.Trim();

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) => Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>Sends the form holding the button as a browser would (only ticked radios and checkboxes), with the changes applied.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(Browser browser, IDocument page, string url, string buttonText, params (string Name, string Value)[] changes)
    {
        var button = page.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == buttonText);
        var form = button.Closest("form")!;
        var fields = form.QuerySelectorAll("input[name]")
            .Where(i => i.GetAttribute("type") is not ("radio" or "checkbox") || i.HasAttribute("checked"))
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .ToList();
        var changed = changes.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        fields.RemoveAll(f => changed.Contains(f.Key));
        fields.AddRange(changes.Where(c => c.Value.Length > 0).Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        if (button.GetAttribute("name") is { } name)
        {
            fields.Add(new(name, button.GetAttribute("value") ?? ""));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await browser.Http.PostAsync(form.GetAttribute("action") is { Length: > 0 } action ? action : url, content);
    }

    /// <summary>Answers one question page and expects to be sent on to the next.</summary>
    private static async Task<string> AnswerAsync(Browser browser, string url, params (string Name, string Value)[] answers)
    {
        var page = await browser.GetOkAsync(url);
        var response = await SubmitAsync(browser, page, url, "Continue", answers);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{url}: {Browser.Text(await ParseAsync(response))}");
        return response.Headers.Location!.OriginalString;
    }

    private static List<string> ErrorLinks(IDocument page) =>
        page.QuerySelectorAll(".govuk-error-summary a").Select(a => $"{a.GetAttribute("href")} {a.TextContent.Trim()}").ToList();

    private static List<List<string>> Rows(IDocument page, string caption) =>
        page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Trim() == caption)
            .QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();

    [Fact]
    public async Task TheWholeJourneySamplesPreviewsAndOpensExactlyThePlanShown()
    {
        var psw = await SignedInAsync();
        var template = await _scenario.DudleyTemplateAsync();
        var start = await psw.GetOkAsync("/rounds/new?start=true");
        Heading(start).ShouldBe("Name the round and choose its template");

        var next = await AnswerAsync(psw, "/rounds/new", ("Name", "Spring voice audit"), ("TemplateId", template.Str("id")));
        next.ShouldBe("/rounds/new/scope");
        next = await AnswerAsync(psw, next, ("ServiceAreas", "ChildProtection"));
        next.ShouldBe("/rounds/new/how");
        next = await AnswerAsync(psw, next, ("How", "sample"), ("PerTeam", "2"), ("Months", "0"));
        next.ShouldBe("/rounds/new/graders");
        next = await AnswerAsync(psw, next, ("Auditors", DemoUsers.Auditor), ("YoungAssessors", DemoUsers.YoungAssessor));
        next.ShouldBe("/rounds/new/due-date");
        next = await AnswerAsync(psw, next, ("DueOn.Day", "18"), ("DueOn.Month", "12"), ("DueOn.Year", "2026"));
        next.ShouldBe("/rounds/new/preview");

        var preview = await psw.GetOkAsync(next);
        Heading(preview).ShouldBe("Check the round before you open it");
        var text = Browser.Text(preview);
        text.ShouldContain("Spring voice audit");
        text.ShouldContain("Child Protection");
        text.ShouldContain("At random: 2 from each team");
        text.ShouldContain("18 December 2026");
        text.ShouldContain("4 case files from 2 teams. 0 case files were skipped because they were audited recently.");
        Rows(preview, "Case files by team").Select(r => r[4]).ShouldBe(["2", "2"]);
        var planned = Rows(preview, "Who grades each case file");
        planned.Count.ShouldBe(4);
        preview.QuerySelectorAll(".govuk-summary-list__actions a").Select(a => a.GetAttribute("href")).ShouldContain("/rounds/new/scope?change=true");
        (await _scenario.Psw.GetOkAsync("/api/rounds")).AsArray().ShouldBeEmpty("the preview saves nothing");

        var again = await psw.GetOkAsync(next);
        Rows(again, "Who grades each case file").ShouldBe(planned, "the preview keeps its seed");

        var opened = await psw.PressAsync(preview, "Open this round", "/rounds/new/preview");
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var roundUrl = opened.Headers.Location!.OriginalString;
        roundUrl.ShouldEndWith("?opened=true");
        var round = await psw.GetOkAsync(roundUrl);
        Heading(round).ShouldBe("Spring voice audit");
        Browser.Text(round).ShouldContain("The round is open");
        Rows(round, "The round's audits").Select(r => r[0]).Order().ShouldBe(planned.Select(r => r[0]).Order());
        Rows(round, "The round's audits").ShouldAllBe(r => r[2] == "Being graded");

        var restarted = await psw.GetAsync("/rounds/new/preview");
        restarted.Response.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the answers are forgotten once the round is open");
    }

    [Fact]
    public async Task HandPickingSearchesByReferenceKeepsTheTicksAndOpensThoseCaseFiles()
    {
        var psw = await SignedInAsync();
        var template = await _scenario.DudleyTemplateAsync();
        await psw.GetOkAsync("/rounds/new?start=true");
        await AnswerAsync(psw, "/rounds/new", ("Name", "Picked by hand"), ("TemplateId", template.Str("id")));
        await AnswerAsync(psw, "/rounds/new/scope");
        (await AnswerAsync(psw, "/rounds/new/how", ("How", "pick"))).ShouldBe("/rounds/new/case-files");

        var page = await psw.GetOkAsync("/rounds/new/case-files");
        var searched = await SubmitAsync(psw, page, "/rounds/new/case-files", "Search", ("Search", "CF-10000"));
        searched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var results = await psw.GetOkAsync(searched.Headers.Location!.OriginalString);
        var found = results.QuerySelectorAll("input[name=CaseFileIds]").ToList();
        found.Count.ShouldBeGreaterThan(1);
        var ticked = await SubmitAsync(psw, results, "/rounds/new/case-files", "Search", ("CaseFileIds", found[0].GetAttribute("value")!), ("Search", "CF-10001"));
        var second = await psw.GetOkAsync(ticked.Headers.Location!.OriginalString);
        second.QuerySelectorAll("input[name=Picked][checked]").Select(i => i.GetAttribute("value")).ShouldBe([found[0].GetAttribute("value")]);
        var more = second.QuerySelectorAll("input[name=CaseFileIds]")[0].GetAttribute("value")!;
        var chosen = await SubmitAsync(psw, second, "/rounds/new/case-files", "Continue", ("CaseFileIds", more));
        chosen.Headers.Location!.OriginalString.ShouldBe("/rounds/new/graders");

        await AnswerAsync(psw, "/rounds/new/graders", ("Auditors", DemoUsers.Auditor), ("YoungAssessors", DemoUsers.YoungAssessor));
        await AnswerAsync(psw, "/rounds/new/due-date", ("DueOn.Day", "18"), ("DueOn.Month", "12"), ("DueOn.Year", "2026"));
        var preview = await psw.GetOkAsync("/rounds/new/preview");
        Browser.Text(preview).ShouldContain("Picked by hand");
        preview.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ShouldNotContain("Draw a different sample");
        var opened = await psw.PressAsync(preview, "Open this round", "/rounds/new/preview");
        var round = await _scenario.Psw.GetOkAsync("/api/rounds/" + opened.Headers.Location!.OriginalString.Split('/', '?')[2]);
        round.Arr("audits").Select(a => a.Str("caseFileId")).ShouldBe([found[0].GetAttribute("value"), more], ignoreOrder: true);
    }

    [Fact]
    public async Task MistakesShowOnTheStepTheyBelongToWithWhatWasTyped()
    {
        var psw = await SignedInAsync();
        var start = await psw.GetOkAsync("/rounds/new?start=true");

        var response = await SubmitAsync(psw, start, "/rounds/new", "Continue", ("Name", ""));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        page.Title!.ShouldStartWith("Error: ");
        ErrorLinks(page).ShouldBe(["#Name Enter a name for the round.", "#TemplateId Select a template."], ignoreOrder: true);
        page.GetElementById("TemplateId").ShouldNotBeNull();

        var template = await _scenario.DudleyTemplateAsync();
        await AnswerAsync(psw, "/rounds/new", ("Name", "Typed wrong"), ("TemplateId", template.Str("id")));
        var how = await psw.GetOkAsync("/rounds/new/how");
        page = await ParseAsync(await SubmitAsync(psw, how, "/rounds/new/how", "Continue", ("How", "sample"), ("PerTeam", "two"), ("Months", "0")));
        ErrorLinks(page).ShouldBe(["#PerTeam Enter how many case files to take from each team, from 1 to 100."]);
        page.GetElementById("PerTeam")!.GetAttribute("value").ShouldBe("two");

        page = await ParseAsync(await SubmitAsync(psw, how, "/rounds/new/how", "Continue", ("How", "")));
        ErrorLinks(page).ShouldBe(["#How Select how to pick the case files."]);

        await AnswerAsync(psw, "/rounds/new/how", ("How", "sample"), ("PerTeam", "1"), ("Months", "0"));
        var graders = await psw.GetOkAsync("/rounds/new/graders");
        page = await ParseAsync(await SubmitAsync(psw, graders, "/rounds/new/graders", "Continue"));
        ErrorLinks(page).ShouldBe(["#Auditors Select at least one auditor."]);

        await AnswerAsync(psw, "/rounds/new/graders", ("Auditors", DemoUsers.Auditor), ("YoungAssessors", DemoUsers.YoungAssessor));
        var due = await psw.GetOkAsync("/rounds/new/due-date");
        page = await ParseAsync(await SubmitAsync(psw, due, "/rounds/new/due-date", "Continue", ("DueOn.Day", "1"), ("DueOn.Month", "10"), ("DueOn.Year", "2026")));
        ErrorLinks(page).ShouldBe(["#DueOn A round is due today or later."]);
        page.GetElementById("DueOn")!.GetAttribute("value").ShouldBe("1");
        page = await ParseAsync(await SubmitAsync(psw, due, "/rounds/new/due-date", "Continue", ("DueOn.Day", "31"), ("DueOn.Month", "2"), ("DueOn.Year", "2027")));
        ErrorLinks(page).ShouldBe(["#DueOn The due date must be a real date, like 18 12 2026."]);
    }

    [Fact]
    public async Task OnePersonTickedAsBothAuditorAndYoungAssessorIsShownInTheErrorSummary()
    {
        await Features.BothGraderRoles.AddAsync(_factory);
        var psw = await SignedInAsync();
        var template = await _scenario.DudleyTemplateAsync();
        await psw.GetOkAsync("/rounds/new?start=true");
        await AnswerAsync(psw, "/rounds/new", ("Name", "Both at once"), ("TemplateId", template.Str("id")));
        await AnswerAsync(psw, "/rounds/new/scope");
        await AnswerAsync(psw, "/rounds/new/how", ("How", "sample"), ("PerTeam", "1"), ("Months", "0"));
        await AnswerAsync(psw, "/rounds/new/graders", ("Auditors", Features.BothGraderRoles.UserName), ("YoungAssessors", Features.BothGraderRoles.UserName));
        await AnswerAsync(psw, "/rounds/new/due-date", ("DueOn.Day", "18"), ("DueOn.Month", "12"), ("DueOn.Year", "2026"));

        var preview = await psw.GetOkAsync("/rounds/new/preview");

        preview.Title!.ShouldStartWith("Error: ");
        ErrorLinks(preview).ShouldBe(["/rounds/new/graders?change=true#YoungAssessors kit.both cannot be both the auditor and the young assessor of an audit: the two views must come from two people."]);
        preview.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ShouldNotContain("Open this round");
    }

    [Fact]
    public async Task APreviewThatCannotBeMadeLinksBackToTheQuestionAtFault()
    {
        var psw = await SignedInAsync();
        var template = await _scenario.DudleyTemplateAsync();
        await psw.GetOkAsync("/rounds/new?start=true");
        await AnswerAsync(psw, "/rounds/new", ("Name", "No young assessor"), ("TemplateId", template.Str("id")));
        await AnswerAsync(psw, "/rounds/new/scope");
        await AnswerAsync(psw, "/rounds/new/how", ("How", "sample"), ("PerTeam", "1"), ("Months", "0"));
        await AnswerAsync(psw, "/rounds/new/graders", ("Auditors", DemoUsers.Auditor));
        (await AnswerAsync(psw, "/rounds/new/due-date", ("DueOn.Day", "18"), ("DueOn.Month", "12"), ("DueOn.Year", "2026"))).ShouldBe("/rounds/new/preview");

        var preview = await psw.GetOkAsync("/rounds/new/preview");

        ErrorLinks(preview).ShouldBe(["/rounds/new/graders?change=true#YoungAssessors This template is graded by a young assessor too: name one, or a pool."]);
        preview.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ShouldNotContain("Open this round");
        var fixedIt = await SubmitAsync(psw, await psw.GetOkAsync("/rounds/new/graders?change=true"), "/rounds/new/graders?change=true", "Continue", ("YoungAssessors", DemoUsers.YoungAssessor));
        fixedIt.Headers.Location!.OriginalString.ShouldBe("/rounds/new/preview");
        (await psw.GetOkAsync("/rounds/new/preview")).QuerySelector(".govuk-error-summary").ShouldBeNull();
    }

    [Fact]
    public async Task TheListShowsEachRoundsProgressInNumbersAndTheRoundPageItsAudits()
    {
        var psw = await SignedInAsync();
        var criteria = await _scenario.CriterionIdsAsync();
        var audits = await _scenario.PlanRoundAsync(count: 3);
        await _scenario.Auditor.PostOkAsync($"/api/audits/{audits[0]}/gradings", Scenario.Grading(criteria, "Good", (0, "Inadequate")));
        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{audits[0]}/gradings", Scenario.Grading(criteria, "Good"));
        await _scenario.Psw.PostOkAsync($"/api/audits/{audits[1]}/cancel", new { reason = "Sampled in error: the case closed before the period." });

        var list = await psw.GetOkAsync("/rounds");

        Heading(list).ShouldBe("Rounds");
        list.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim()).ShouldContain("Rounds");
        list.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim())
            .ShouldBe(["Round", "Audits", "Graded", "In moderation", "Actions open", "Completed", "Cancelled", "Overdue"]);
        var row = Rows(list, "Rounds and their progress").Single();
        row[0].ShouldStartWith("Autumn voice audit");
        row[0].ShouldContain("Due 18 December 2026");
        row.Skip(1).ShouldBe(["3", "1", "1", "0", "0", "1", "0"]);
        Browser.Text(list).ShouldContain("Showing 1 to 1 of 1");

        var link = list.QuerySelector("tbody a")!.GetAttribute("href")!;
        var round = await psw.GetOkAsync(link);
        Heading(round).ShouldBe("Autumn voice audit");
        var states = Rows(round, "The round's audits").Select(r => r[2]).ToList();
        states.ShouldBe(["Waiting for moderation", "Cancelled", "Being graded"], ignoreOrder: true);
        Browser.Text(round).ShouldContain("In moderation 1");
        (await psw.GetAsync($"/rounds/{Guid.NewGuid()}")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
