using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Audit.Api.Tests.Pages.PageForms;

namespace Audit.Api.Tests.Pages;

/// <summary>Re-audit on the pages: asked for when closing an action, shown in the round preview, and counted on the agreement page and the dashboard.</summary>
public sealed class ReauditPagesTests : IDisposable
{
    private readonly AuditApiFactory _factory = new(settings: new Dictionary<string, string?> { ["Timers:RunInBackground"] = "false" });
    private readonly Scenario _scenario;

    public ReauditPagesTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private static List<List<string>> Rows(IDocument page, string caption) =>
        page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Trim() == caption)
            .QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();

    [Fact]
    public async Task TheTeamManagerAsksForAReauditWhenClosingAndAMistakeIsExplainedWithWhatWasTypedKept()
    {
        var raised = await _scenario.RaiseActionAsync(_factory, skip: 0);
        var manager = await SignedInAsync(_factory, raised.TeamManager);
        var url = $"/actions/{raised.ActionId}";
        var page = await manager.GetOkAsync(url);
        Browser.Text(page).ShouldContain("Audit this case file again after (optional)");

        var wrong = await SubmitAsync(manager, page, url, "Close action", ("WhatChanged", "The child's words are in the plan."), ("ReauditAfterWeeks", "six"));
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await ParseAsync(wrong);
        Errors(shown).ShouldBe(["Enter the weeks until the re-audit as a whole number from 1 to 52, or leave it empty for none."]);
        shown.QuerySelector("input[name=ReauditAfterWeeks]")!.GetAttribute("value").ShouldBe("six");
        shown.QuerySelector("textarea[name=WhatChanged]")!.TextContent.ShouldBe("The child's words are in the plan.");

        var closed = await SubmitAsync(manager, shown, url, "Close action", ("ReauditAfterWeeks", "6"));
        closed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var request = await _factory.WithDbAsync(db => db.ReauditRequests.AsNoTracking().SingleAsync());
        request.DueOn.ShouldBe(DateOnly.FromDateTime(_factory.Clock.GetUtcNow().UtcDateTime).AddDays(42));
    }

    [Fact]
    public async Task ThePreviewSaysReauditRequestedAndTheReportsShowTheFilesThatWentUp()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var template = (await _scenario.DudleyTemplateAsync()).Id();
        var raised = await _scenario.RaiseActionAsync(_factory, skip: 0);
        var caseFile = (await _scenario.Psw.GetOkAsync($"/api/audits/{raised.AuditId}"))["caseFile"]!;
        await _factory.ClientFor(raised.TeamManager).PostOkAsync($"/api/actions/{raised.ActionId}/close", new { whatChanged = "The child's words are in the plan.", reauditAfterWeeks = 1 });
        _factory.Clock.Advance(TimeSpan.FromDays(8));

        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        await psw.GetOkAsync("/rounds/new?start=true");
        foreach (var (url, answers) in new (string, (string, string)[])[]
        {
            ("/rounds/new", [("Name", "Re-audit round"), ("TemplateId", template.ToString())]),
            ("/rounds/new/scope", [("Teams", raised.TeamId.ToString())]),
            ("/rounds/new/how", [("How", "sample"), ("PerTeam", "1"), ("Months", "6")]),
            ("/rounds/new/graders", [("Auditors", DemoUsers.Auditor), ("YoungAssessors", DemoUsers.YoungAssessor)]),
            ("/rounds/new/due-date", [("DueOn.Day", "31"), ("DueOn.Month", "3"), ("DueOn.Year", "2027")]),
        })
        {
            var question = await psw.GetOkAsync(url);
            var answered = await SubmitAsync(psw, question, url, "Continue", answers);
            answered.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{url}: {Browser.Text(await ParseAsync(answered))}");
        }

        var preview = await psw.GetOkAsync("/rounds/new/preview");
        Browser.Text(preview).ShouldContain("1 case file is added because its team manager asked for a re-audit (re-audit requested).");
        Rows(preview, "Who grades each case file").Select(r => r[0]).ShouldContain($"{caseFile.Str("reference")} (re-audit requested)");
        var opened = await psw.PressAsync(preview, "Open this round", "/rounds/new/preview");
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var reaudit = (await _factory.WithDbAsync(db => db.ReauditRequests.AsNoTracking().SingleAsync())).FulfilledByAuditId!.Value;
        var up = new
        {
            grades = criteria.Select(id => new { criterionId = id, grade = "Good", evidence = "Seen in the record." }),
            overall = "Good",
        };
        await _scenario.Auditor.PostOkAsync($"/api/audits/{reaudit}/gradings", up);
        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{reaudit}/gradings", up);

        var report = await _scenario.Psw.GetOkAsync($"/api/reports/agreement?templateId={template}");
        var expected = report.Arr("criteria").Select(c => (IReadOnlyList<string>)[
            c.Str("criterion"),
            c!["reaudit"]!["files"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
            c["reaudit"]!["improved"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
            c["reaudit"]!["percent"] is JsonNode p ? p.GetValue<decimal>().ToString("0.0", CultureInfo.InvariantCulture) + "%" : "No files",
        ]).ToList();
        expected[2].ShouldBe([expected[2][0], "1", "1", "100.0%"]);
        expected[0].ShouldBe([expected[0][0], "1", "0", "0.0%"]);

        var agreementPage = await psw.GetOkAsync($"/reports/agreement?templateId={template}");
        Rows(agreementPage, "After a re-audit: did the grade go up?").ShouldBe(expected);

        var dashboardPage = await psw.GetOkAsync($"/dashboard?templateId={template}");
        Rows(dashboardPage, "After a re-audit: did the grade go up?").Select(r => r.Skip(1).ToList())
            .ShouldBe(expected.Select(r => r.Skip(1).ToList()));
    }
}
