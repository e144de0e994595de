using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Pages;

/// <summary>The principal social worker's workflow pages, driven without a real browser.</summary>
public sealed class WorkflowPagesTests : IDisposable
{
    private const string VersionPath = "/workflows/case-file-audit/versions/1";
    private static readonly HtmlParser Parser = new();
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public WorkflowPagesTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private static string CaseFileAuditJson => File.ReadAllText(Path.Combine(RepositoryFiles.WorkflowsFolder(), "case-file-audit.json"));

    private static string Version2(Action<JsonNode>? change = null)
    {
        var json = JsonNode.Parse(CaseFileAuditJson)!;
        json["version"] = 2;
        change?.Invoke(json);
        return json.ToJsonString();
    }

    private async Task<Browser> SignedInAsync()
    {
        var displayName = await _factory.WithDbAsync(db => db.Staff.Where(s => s.UserName == DemoUsers.Psw).Select(s => s.DisplayName).SingleAsync());
        var browser = new Browser(_factory);
        await browser.SignInAsync(displayName);
        return browser;
    }

    private static string Heading(IDocument page) => page.QuerySelectorAll("h1").Single().TextContent.Trim();

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) => Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The form holding the button, as a browser sends it: fields as they are (selects at their chosen option), after the changes.</summary>
    private static List<KeyValuePair<string, string>> FormFields(IDocument page, string buttonText, params (string Name, string Value)[] changes)
    {
        var button = page.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == buttonText);
        var form = button.Closest("form")!;
        var fields = form.QuerySelectorAll("input[name]")
            .Where(i => i.GetAttribute("type") is not ("radio" or "checkbox" or "file") || i.HasAttribute("checked"))
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(form.QuerySelectorAll("textarea[name]").Select(t => new KeyValuePair<string, string>(t.GetAttribute("name")!, t.TextContent)))
            .Concat(form.QuerySelectorAll("select[name]").Select(s => new KeyValuePair<string, string>(
                s.GetAttribute("name")!,
                (s.QuerySelector("option[selected]") ?? s.QuerySelector("option"))?.GetAttribute("value") ?? "")))
            .ToList();
        var changed = changes.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        fields.RemoveAll(f => changed.Contains(f.Key));
        fields.AddRange(changes.Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        return fields;
    }

    private static async Task<HttpResponseMessage> SubmitAsync(Browser browser, IDocument page, string url, string buttonText, params (string Name, string Value)[] changes)
    {
        using var content = new FormUrlEncodedContent(FormFields(page, buttonText, changes));
        return await browser.Http.PostAsync(url, content);
    }

    private static IReadOnlyList<string> ErrorSummary(IDocument page) =>
        [.. page.QuerySelectorAll(".govuk-error-summary__list li").Select(li => li.TextContent.Trim())];

    [Fact]
    public async Task TheListShowsEachWorkflowWithItsVersions()
    {
        var psw = await SignedInAsync();

        var page = await psw.GetOkAsync("/workflows");

        Heading(page).ShouldBe("Workflows");
        page.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim()).ShouldContain("Workflows");
        page.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()).ShouldContain("Case-file audit");
        var version = page.QuerySelectorAll("li").Single(li => li.QuerySelector("a")?.GetAttribute("href") == VersionPath);
        Browser.Text(page).ShouldContain("Name: case-file-audit, 1 version");
        version.QuerySelector(".govuk-tag")!.TextContent.ShouldBe("Newest");
        version.TextContent.ShouldContain("Published ");
    }

    [Fact]
    public async Task AVersionShowsItsDiagramAndTheSameWrittenOut()
    {
        var psw = await SignedInAsync();

        var page = await psw.GetOkAsync(VersionPath);

        Heading(page).ShouldBe("Case-file audit");
        var svg = page.QuerySelector("figure svg")!;
        svg.GetAttribute("role").ShouldBe("img");
        svg.QuerySelector("title")!.TextContent.ShouldBe("State diagram of Case-file audit, version 1");
        page.QuerySelectorAll("h3").Select(h => h.TextContent.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[0])
            .ShouldBe(["Grading", "Moderation", "ActionsOpen", "Completed", "Cancelled"]);
        var text = Browser.Text(page);
        text.ShouldContain("Version 1 (newest: new audits take it)");
        text.ShouldContain("remindGraders: 5 days before the round is due, runs remindGraders");
        text.ShouldContain("escalateAgain: 15 days after the follow-up actions are due, runs escalateOverdueActions(level=2)");
        text.ShouldContain("raiseFollowUpActions(dueInDays=28)");
        var transitions = page.QuerySelectorAll("ol.govuk-list--number li").Select(li => Browser.Text(Parser.ParseDocument(li.InnerHtml))).ToList();
        transitions.Count.ShouldBe(11);
        transitions[0].ShouldBe("Grading to Moderation Trigger: submitGrading, by Auditor or Young assessor Guards: allGradingsIn, needsModeration(forcingGrade=Inadequate, pointsApart=2)");
        transitions[3].ShouldBe("Stays in Grading Trigger: submitGrading, by Auditor or Young assessor Guards: otherwise");
        transitions[8].ShouldBe("Grading to Cancelled Trigger: cancel, by Principal social worker Guards: none, always taken");
    }

    [Fact]
    public async Task AVersionsJsonDownloadsAsAFile()
    {
        var psw = await SignedInAsync();
        var page = await psw.GetOkAsync(VersionPath);
        var link = page.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Download the JSON", StringComparison.Ordinal));

        var response = await psw.Http.GetAsync(link.GetAttribute("href"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("case-file-audit-v1.json");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["transitions"]!.AsArray().Count.ShouldBe(11);
    }

    [Fact]
    public async Task PublishingWithMistakesListsEveryErrorWithItsJsonPathAndKeepsWhatWasPasted()
    {
        var psw = await SignedInAsync();
        var form = await psw.GetOkAsync("/workflows/publish");
        var broken = Version2(d =>
        {
            d["transitions"]![0]!["to"] = "Moderaton";
            d["states"]![0]!["timers"]![0]!["from"] = "whenever";
        });

        var response = await SubmitAsync(psw, form, "/workflows/publish", "Publish", ("Definition", broken));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        page.Title!.ShouldStartWith("Error: ");
        var errors = ErrorSummary(page);
        errors.ShouldContain(e => e.StartsWith("$.transitions[0].to: ", StringComparison.Ordinal) && e.Contains("Moderaton", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("$.states[0].timers[0].from: ", StringComparison.Ordinal));
        page.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")).Distinct().ShouldBe(["#Definition"]);
        page.GetElementById("Definition")!.TextContent.ShouldBe(broken);
        page.QuerySelector("#Definition-error")!.TextContent.ShouldContain($"The definition has {errors.Count} problems");
        (await _scenario.Psw.GetOkAsync("/api/workflows")).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task PublishingAnUploadedFileShowsTheNewVersion()
    {
        var psw = await SignedInAsync();
        var form = await psw.GetOkAsync("/workflows/publish");
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in FormFields(form, "Publish", ("Definition", "")))
        {
            content.Add(new StringContent(value), name);
        }

        content.Add(new StringContent(Version2()), "File", "case-file-audit-v2.json");

        var response = await psw.Http.PostAsync("/workflows/publish", content);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/workflows/case-file-audit/versions/2?published=true");
        var page = await psw.GetOkAsync(response.Headers.Location.OriginalString);
        page.QuerySelector(".govuk-notification-banner")!.TextContent.ShouldContain("Version 2 published");
        Browser.Text(await psw.GetOkAsync(VersionPath)).ShouldContain("(an older version: audits that started on it keep it)");
    }

    [Fact]
    public async Task TryingShowsEachStepWithWhatItRaisesAndWhenAndSavesNothing()
    {
        var psw = await SignedInAsync();
        var form = await psw.GetOkAsync("/workflows/try");
        JsonNode.Parse(form.GetElementById("Definition")!.TextContent)!["name"]!.GetValue<string>().ShouldBe("case-file-audit");
        var audits = await _factory.WithDbAsync(db => db.Audits.CountAsync());

        var response = await SubmitAsync(psw, form, "/workflows/try", "Try it",
            ("Criteria[0].Auditor", "Inadequate"),
            ("Criteria[0].Moderator", "RequiresImprovement"),
            ("CloseActions", "0"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        ErrorSummary(page).ShouldBeEmpty();
        page.QuerySelectorAll("h3").Select(h => h.TextContent.Trim()).ShouldBe(
        [
            "Step 1: Starts in Grading",
            "Step 2: Stays in Grading",
            "Step 3: Grading to Moderation",
            "Step 4: Moderation to ActionsOpen",
            "Step 5: Stays in ActionsOpen",
            "Step 6: Stays in ActionsOpen",
        ]);
        var text = Browser.Text(page);
        text.ShouldContain("The audit ends in ActionsOpen after 6 steps.");
        text.ShouldContain("Principal social worker (ModerationNeeded): \"An audit is waiting for your moderation.\"");
        text.ShouldContain("1 follow-up action raised for the team manager (criteria 1), due on day 28.");
        text.ShouldContain("escalateOverdue fires on day 29 (1 day after the follow-up actions are due)");
        text.ShouldContain("Day 43 after the start");
        page.GetElementById("Criteria_0__Moderator")!.QuerySelector("option[selected]")!.GetAttribute("value").ShouldBe("RequiresImprovement");
        (await _factory.WithDbAsync(db => db.Audits.CountAsync())).ShouldBe(audits);
    }

    [Fact]
    public async Task TryingABrokenDraftListsEveryErrorWithItsJsonPath()
    {
        var psw = await SignedInAsync();
        var form = await psw.GetOkAsync("/workflows/try");

        var response = await SubmitAsync(psw, form, "/workflows/try", "Try it", ("Definition", Version2(d => d["initialState"] = "Nowhere")));

        var page = await ParseAsync(response);
        ErrorSummary(page).ShouldContain(e => e.StartsWith("$.initialState: ", StringComparison.Ordinal));
        page.QuerySelectorAll("h3").ShouldBeEmpty();
    }
}
