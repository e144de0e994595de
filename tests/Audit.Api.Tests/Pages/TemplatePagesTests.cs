using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Pages;

/// <summary>The principal social worker's template pages, driven without a real browser.</summary>
public sealed class TemplatePagesTests : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public TemplatePagesTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private async Task<Browser> SignedInAsync(string userName = DemoUsers.Psw)
    {
        var displayName = await _factory.WithDbAsync(db => db.Staff.Where(s => s.UserName == userName).Select(s => s.DisplayName).SingleAsync());
        var browser = new Browser(_factory);
        await browser.SignInAsync(displayName);
        return browser;
    }

    private static string Heading(IDocument page) => page.QuerySelectorAll("h1").Single().TextContent.Trim();

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) => Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// Sends the form holding the button as a browser would (text fields and textareas as they are, only ticked radios
    /// and checkboxes, the pressed button), after the changes: each name changed loses its old values, then gets the
    /// values given (none given: left empty).
    /// </summary>
    private static async Task<HttpResponseMessage> SubmitAsync(Browser browser, IDocument page, string url, string buttonText, params (string Name, string Value)[] changes)
    {
        var button = page.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == buttonText);
        var form = button.Closest("form")!;
        var fields = form.QuerySelectorAll("input[name]")
            .Where(i => i.GetAttribute("type") is not ("radio" or "checkbox") || i.HasAttribute("checked"))
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(form.QuerySelectorAll("textarea[name]").Select(t => new KeyValuePair<string, string>(t.GetAttribute("name")!, t.TextContent)))
            .ToList();
        var changed = changes.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        fields.RemoveAll(f => changed.Contains(f.Key));
        fields.AddRange(changes.Where(c => c.Value.Length > 0).Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        if (button.GetAttribute("name") is { } name)
        {
            fields.Add(new(name, button.GetAttribute("value") ?? ""));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await browser.Http.PostAsync(url, content);
    }

    private static string Value(IDocument page, string id) =>
        page.GetElementById(id) is { } field ? (field.TagName == "TEXTAREA" ? field.TextContent : field.GetAttribute("value") ?? "") : throw new InvalidOperationException($"No field #{id}.");

    [Fact]
    public async Task TheListShowsEachTemplateWithItsVersionCriteriaTargetAndStatus()
    {
        var psw = await SignedInAsync();

        var page = await psw.GetOkAsync("/templates");

        Heading(page).ShouldBe("Templates");
        page.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim()).ShouldContain("Templates");
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Voice of the child (Dudley principles)", StringComparison.Ordinal));
        var text = string.Join(' ', row.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        text.ShouldContain("Version 1, 6 criteria");
        text.ShouldContain("65% of audits graded Good or better");
        text.ShouldContain("Graded by: Auditor and young assessor");
        row.QuerySelector(".govuk-tag")!.TextContent.ShouldBe("Active");
        var template = await _scenario.DudleyTemplateAsync();
        row.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/templates/{template.Id()}");
    }

    [Fact]
    public async Task CreatingWithMistakesShowsEachInTheErrorSummaryLinkedToItsFieldAndKeepsWhatWasTyped()
    {
        var psw = await SignedInAsync();
        var form = await psw.GetOkAsync("/templates/new");
        Heading(form).ShouldBe("Create a template");
        form.QuerySelectorAll("fieldset legend").Count(l => l.TextContent.StartsWith("Criterion ", StringComparison.Ordinal)).ShouldBe(3);

        var response = await SubmitAsync(psw, form, "/templates/new", "Save template",
            ("Name", ""),
            ("Criteria[1].Guidance", "Look for the child's own words."),
            ("Target.Percent", "sixty"),
            ("Graders", ""));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        page.Title!.ShouldStartWith("Error: ");
        var links = page.QuerySelectorAll(".govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        links.ShouldBe(
        [
            ("#Name", "Enter a name for the template."),
            ("#Criteria_1__Title", "Criterion 2: enter a title."),
            ("#Target_AtLeast", "Select the target grade."),
            ("#Target_Percent", "The target percentage must be a whole number, like 65."),
            ("#Graders", "Every template is graded by an auditor."),
        ], ignoreOrder: true);
        foreach (var (href, _) in links)
        {
            page.GetElementById(href![1..]).ShouldNotBeNull($"the summary's link {href} lands on a field");
        }

        page.QuerySelector("#Criteria_1__Title-error")!.TextContent.ShouldContain("Criterion 2: enter a title.");
        Value(page, "Criteria_1__Guidance").ShouldBe("Look for the child's own words.");
        Value(page, "Target_Percent").ShouldBe("sixty");
        (await _scenario.Psw.GetOkAsync("/api/templates?includeRetired=true")).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task AddAnotherCriterionShowsOneMoreRowAndSavesNothing()
    {
        var psw = await SignedInAsync();
        var form = await psw.GetOkAsync("/templates/new");

        var response = await SubmitAsync(psw, form, "/templates/new", "Add another criterion", ("Name", "Stockton needs"), ("Criteria[0].Title", "Vigilance"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        page.QuerySelectorAll("fieldset legend").Count(l => l.TextContent.StartsWith("Criterion ", StringComparison.Ordinal)).ShouldBe(4);
        page.QuerySelector(".govuk-error-summary").ShouldBeNull();
        Value(page, "Name").ShouldBe("Stockton needs");
        Value(page, "Criteria_0__Title").ShouldBe("Vigilance");
        Value(page, "Criteria_3__Title").ShouldBe("");
        (await _scenario.Psw.GetOkAsync("/api/templates")).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreatingATemplateSavesTheFilledRowsAndShowsItsPage()
    {
        var psw = await SignedInAsync();
        var form = await psw.GetOkAsync("/templates/new");

        var response = await SubmitAsync(psw, form, "/templates/new", "Save template",
            ("Name", "What children say they need (Stockton)"),
            ("Criteria[0].Title", "Vigilance"),
            ("Criteria[0].Guidance", "Adults notice when things are wrong."),
            ("Criteria[0].PlainWords", "Did adults notice when things were wrong?"),
            ("Criteria[2].Title", "Advocacy"),
            ("Target.AtLeast", "Good"),
            ("Target.Percent", "70"),
            ("Graders", "Auditor"),
            ("Graders", "YoungAssessor"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var created = (await _scenario.Psw.GetOkAsync("/api/templates")).AsArray().Single(t => t.Str("name") == "What children say they need (Stockton)")!;
        created.Arr("criteria").Select(c => c.Str("title")).ShouldBe(["Vigilance", "Advocacy"]);
        created.Arr("criteria")[0].Str("plainWords").ShouldBe("Did adults notice when things were wrong?");
        created["target"]!["percent"]!.GetValue<int>().ShouldBe(70);
        created.Arr("graders").Select(g => g!.GetValue<string>()).ShouldBe(["Auditor", "YoungAssessor"]);
        response.Headers.Location!.OriginalString.ShouldBe($"/templates/{created.Id()}?saved=true");

        var page = await psw.GetOkAsync(response.Headers.Location.OriginalString);
        Heading(page).ShouldBe("What children say they need (Stockton)");
        var text = Browser.Text(page);
        text.ShouldContain("Template created");
        text.ShouldContain("In plain words for young assessors: Did adults notice when things were wrong?");
        text.ShouldContain("70% of audits graded Good or better");
        page.QuerySelectorAll("a[role=button]").Select(a => a.GetAttribute("href")).ShouldBe([$"/templates/{created.Id()}/edit", $"/templates/{created.Id()}/retire"]);
    }

    [Fact]
    public async Task EditingSavesVersionTwoAndKeepsVersionOneForTheAuditsOnIt()
    {
        var first = await _scenario.DudleyTemplateAsync();
        var psw = await SignedInAsync();
        var form = await psw.GetOkAsync($"/templates/{first.Id()}/edit");
        Heading(form).ShouldBe("Edit template");
        form.QuerySelector(".govuk-inset-text")!.TextContent.Trim().ShouldBe("Saving creates version 2. Audits already started keep version 1.");
        form.QuerySelectorAll("fieldset legend").Count(l => l.TextContent.StartsWith("Criterion ", StringComparison.Ordinal)).ShouldBe(6 + 3);
        Value(form, "Criteria_0__Title").ShouldBe("I am listened to.");
        Value(form, "Criteria_0__PlainWords").ShouldBe("Did the worker listen to the child?");
        form.QuerySelector("#Target_AtLeast-2")!.HasAttribute("checked").ShouldBeTrue("Good, the second grade, is the target");

        var response = await SubmitAsync(psw, form, $"/templates/{first.Id()}/edit", "Save version 2",
            ("Criteria[0].Title", "I am listened to and heard."), ("Criteria[6].Title", "I feel safe."));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = await _scenario.DudleyTemplateAsync();
        second["version"]!.GetValue<int>().ShouldBe(2);
        second.Arr("criteria").Select(c => c.Str("title")).First().ShouldBe("I am listened to and heard.");
        second.Arr("criteria").Count.ShouldBe(7);
        var page = await psw.GetOkAsync(response.Headers.Location!.OriginalString);
        Browser.Text(page).ShouldContain("Version 2 saved");
        page.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")).ShouldBe([$"/templates/{first.Id()}"]);

        var old = await psw.GetOkAsync($"/templates/{first.Id()}");
        Browser.Text(old).ShouldContain("This is an older version.");
        old.QuerySelectorAll("a[role=button]").Select(a => a.GetAttribute("href")).ShouldBe([$"/templates/{first.Id()}/retire"]);
        var oldForm = await psw.GetOkAsync($"/templates/{first.Id()}/edit");
        oldForm.QuerySelector("main form").ShouldBeNull();
        Browser.Text(oldForm).ShouldContain("Only the newest version, version 2, can be edited.");
    }

    [Fact]
    public async Task SavingAnOlderVersionAfterSomeoneElseSavedANewerOneSaysSo()
    {
        var first = await _scenario.DudleyTemplateAsync();
        var psw = await SignedInAsync();
        var form = await psw.GetOkAsync($"/templates/{first.Id()}/edit");
        await _scenario.Psw.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/templates/{first.Id()}", new
        {
            name = "Voice of the child (Dudley principles)",
            criteria = new[] { new { title = "I am listened to.", guidance = "" } },
            target = new { atLeast = "Good", percent = 65 },
            graders = new[] { "Auditor" },
        });

        var response = await SubmitAsync(psw, form, $"/templates/{first.Id()}/edit", "Save version 2");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        page.QuerySelector(".govuk-error-summary")!.TextContent.ShouldContain("edit the newest version, version 2");
        Browser.Text(page).ShouldContain("Only the newest version, version 2, can be edited.");
        (await _scenario.Psw.GetOkAsync("/api/templates?allVersions=true")).AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task RetiringAsksFirstThenMarksTheTemplateRetiredEverywhere()
    {
        var template = await _scenario.DudleyTemplateAsync();
        var psw = await SignedInAsync();
        var confirm = await psw.GetOkAsync($"/templates/{template.Id()}/retire");
        Heading(confirm).ShouldBe("Are you sure you want to retire this template?");

        var response = await psw.PressAsync(confirm, "Retire template", $"/templates/{template.Id()}/retire");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/templates/{template.Id()}");
        var page = await psw.GetOkAsync(response.Headers.Location.OriginalString);
        page.QuerySelector(".govuk-tag")!.TextContent.ShouldBe("Retired");
        Browser.Text(page).ShouldContain("New rounds cannot use it.");
        page.QuerySelectorAll("a[role=button]").ShouldBeEmpty();
        var list = await psw.GetOkAsync("/templates");
        list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Dudley", StringComparison.Ordinal)).QuerySelector(".govuk-tag")!.TextContent.ShouldBe("Retired");
        Browser.Text(await psw.GetOkAsync($"/templates/{template.Id()}/edit")).ShouldContain("so it cannot be edited");
        Heading(await psw.GetOkAsync($"/templates/{template.Id()}/retire")).ShouldBe("This template is retired");
        (await _scenario.Psw.GetOkAsync("/api/templates")).AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task OnlyThePrincipalSocialWorkerHasTheTemplatesLink()
    {
        var auditor = await SignedInAsync(DemoUsers.Auditor);

        var home = await auditor.GetOkAsync("/");

        home.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim()).ShouldNotContain("Templates");
        (await auditor.GetAsync("/templates")).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
