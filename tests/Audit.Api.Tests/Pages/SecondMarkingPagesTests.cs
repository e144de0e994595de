using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Audit.Api.Tests.Features;
using Audit.Api.Tests.Support;
using Audit.Domain.Grading;
using Microsoft.EntityFrameworkCore;
using static Audit.Api.Tests.Pages.PageForms;

namespace Audit.Api.Tests.Pages;

/// <summary>Blind second marking on the pages: asked for when planning a round or a round plan, shown in the preview and the round, graded blind, reported on the agreement page.</summary>
public sealed class SecondMarkingPagesTests : IDisposable
{
    private readonly AuditApiFactory _factory = new(settings: new Dictionary<string, string?> { ["Timers:RunInBackground"] = "false" });
    private readonly Scenario _scenario;

    public SecondMarkingPagesTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private static List<List<string>> Rows(IDocument page, string caption) =>
        page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Trim() == caption)
            .QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();

    private static List<string> Headings(IDocument page, string caption) =>
        page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Trim() == caption)
            .QuerySelectorAll("thead th").Select(c => c.TextContent.Trim()).ToList();

    private static string SummaryValue(IDocument page, string key) =>
        page.QuerySelectorAll(".govuk-summary-list__row")
            .Single(r => r.QuerySelector(".govuk-summary-list__key")!.TextContent.Trim() == key)
            .QuerySelector(".govuk-summary-list__value")!.TextContent.Trim();

    private static async Task<string> AnswerAsync(Browser browser, string url, params (string Name, string Value)[] answers)
    {
        var page = await browser.GetOkAsync(url);
        var response = await SubmitAsync(browser, page, url, "Continue", answers);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{url}: {Browser.Text(await ParseAsync(response))}");
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task ThePlannerAsksTheShareRefusesWhatIsNotAWholeNumberAndThePreviewAndRoundShowTheSecondAuditors()
    {
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        var template = await _scenario.DudleyTemplateAsync();
        await psw.GetOkAsync("/rounds/new?start=true");
        await AnswerAsync(psw, "/rounds/new", ("Name", "Spring voice audit"), ("TemplateId", template.Str("id")));
        await AnswerAsync(psw, "/rounds/new/scope", ("ServiceAreas", "ChildProtection"));
        await AnswerAsync(psw, "/rounds/new/how", ("How", "sample"), ("PerTeam", "2"), ("Months", "0"));

        var graders = await psw.GetOkAsync("/rounds/new/graders");
        Browser.Text(graders).ShouldContain("What share of audits should a second auditor grade blind?");
        var wrong = await SubmitAsync(psw, graders, "/rounds/new/graders", "Continue",
            ("Auditors", DemoUsers.Auditor), ("Auditors", DemoUsers.OtherAuditor), ("YoungAssessors", DemoUsers.YoungAssessor), ("SecondMarkingPercent", "ten"));
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await ParseAsync(wrong);
        Errors(shown).ShouldBe(["Enter the share for second marking as a whole number from 0 to 100."]);
        shown.QuerySelector("input[name=SecondMarkingPercent]")!.GetAttribute("value").ShouldBe("ten");

        await AnswerAsync(psw, "/rounds/new/graders",
            ("Auditors", DemoUsers.Auditor), ("Auditors", DemoUsers.OtherAuditor), ("YoungAssessors", DemoUsers.YoungAssessor), ("SecondMarkingPercent", "50"));
        await AnswerAsync(psw, "/rounds/new/due-date", ("DueOn.Day", "18"), ("DueOn.Month", "12"), ("DueOn.Year", "2026"));

        var preview = await psw.GetOkAsync("/rounds/new/preview");
        Headings(preview, "Who grades each case file").ShouldBe(["Case file", "Team", "Auditor", "Young assessor", "Second auditor (blind)"]);
        var planned = Rows(preview, "Who grades each case file");
        var secondMarked = planned.Where(r => r[4] != "Not second marked").ToList();
        secondMarked.Count.ShouldBe((int)Math.Ceiling(planned.Count / 2.0));
        secondMarked.ShouldAllBe(r => r[4] != r[2]);
        SummaryValue(preview, "Second marking").ShouldStartWith($"50%: a second auditor grades {secondMarked.Count} audits blind");

        var opened = await psw.PressAsync(preview, "Open this round", "/rounds/new/preview");
        var round = await psw.GetOkAsync(opened.Headers.Location!.OriginalString);
        SummaryValue(round, "Second marking").ShouldStartWith($"50%: a second auditor grades {secondMarked.Count} audits blind");
        Rows(round, "The round's audits").Count(r => r[3] != "Not second marked").ShouldBe(secondMarked.Count);
    }

    [Fact]
    public async Task ARoundPlanSavesTheShareAndShowsIt()
    {
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        var form = await psw.GetOkAsync("/round-plans/new");
        Browser.Text(form).ShouldContain("What share of audits should a second auditor grade blind?");
        var template = (await _scenario.DudleyTemplateAsync()).Id().ToString();
        (string, string)[] answers =
        [
            ("Name", "Quarterly voice audit"), ("TemplateId", template), ("Auditors", DemoUsers.Auditor), ("Auditors", DemoUsers.OtherAuditor),
            ("YoungAssessors", DemoUsers.YoungAssessor),
        ];

        var wrong = await SubmitAsync(psw, form, "/round-plans/new", "Save round plan", [.. answers, ("SecondMarkingPercent", "150")]);
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await ParseAsync(wrong);
        Errors(shown).ShouldBe(["Enter the share for second marking as a whole number from 0 to 100."]);
        shown.QuerySelector("input[name=SecondMarkingPercent]")!.GetAttribute("value").ShouldBe("150");

        var saved = await SubmitAsync(psw, form, "/round-plans/new", "Save round plan", [.. answers, ("SecondMarkingPercent", "20")]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await psw.GetOkAsync(saved.Headers.Location!.ToString());
        SummaryValue(page, "Second marking").ShouldBe("20% of audits, graded blind by a second auditor");
        var plan = (await _scenario.Psw.GetOkAsync("/api/round-plans")).AsArray().Single()!;
        plan["secondMarkingPercent"]!.GetValue<int>().ShouldBe(20);

        var edit = await psw.GetOkAsync($"/round-plans/{plan.Id()}/edit");
        edit.QuerySelector("input[name=SecondMarkingPercent]")!.GetAttribute("value").ShouldBe("20");
    }

    [Fact]
    public async Task TheSecondAuditorsPagesShowNoOneElsesGradesAndTheAgreementPageShowsTheirSection()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var template = (await _scenario.DudleyTemplateAsync()).Id();
        var caseFiles = (await _scenario.Psw.GetOkAsync("/api/case-files")).AsArray().Take(2).Select(c => c.Id()).ToList();
        var round = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Second marked audit",
            templateId = template,
            dueOn = "2026-12-18",
            caseFileIds = caseFiles,
            auditors = new[] { DemoUsers.Auditor, DemoUsers.OtherAuditor },
            youngAssessors = new[] { DemoUsers.YoungAssessor },
            secondMarkingPercent = 100,
        });
        var audits = round.Arr("auditIds").Select(a => Guid.Parse(a!.GetValue<string>())).ToList();
        var seconds = new List<string>();
        foreach (var audit in audits)
        {
            var view = await _scenario.Psw.GetOkAsync($"/api/audits/{audit}");
            var auditor = view.Arr("assignments").Single(a => a.Str("role") == "Auditor").Str("userName");
            var second = view.Arr("assignments").Single(a => a.Str("role") == "SecondAuditor").Str("userName");
            seconds.Add(second);
            await _factory.ClientFor(auditor).PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good", (0, "RequiresImprovement")));
            await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good"));
        }

        var secondName = await _factory.WithDbAsync(db => db.Staff.Where(s => s.UserName == seconds[0]).Select(s => s.DisplayName).SingleAsync());
        var browser = new Browser(_factory);
        await browser.SignInAsync(secondName);
        var list = await browser.GetOkAsync("/audits");
        Browser.Text(list).ShouldContain("To do");
        var review = await browser.GetOkAsync($"/audits/{audits[0]}");
        var text = Browser.Text(review);
        text.ShouldNotContain("Evidence for criterion 1 found in the review record.");
        text.ShouldNotContain("Requires improvement");
        review.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain($"/audits/{audits[0]}/grade/1");

        foreach (var (audit, second) in audits.Zip(seconds))
        {
            await _factory.ClientFor(second).PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good", (1, "Outstanding")));
        }

        var stored = AgreementReportTests.InPeriod(await AgreementReportTests.AuditsAsync(_factory), null, null);
        var rows = (
            from audit in stored
            from auditor in audit.Gradings.Where(g => g.Role == GraderRole.Auditor)
            from second in audit.Gradings.Where(g => g.Role == GraderRole.SecondAuditor)
            from grade in auditor.Grades
            let other = second.Grades.Single(g => g.CriterionId == grade.CriterionId)
            select new AgreementReportTests.PairRow(audit.Id, grade.CriterionId, auditor.Grader, second.Grader, (int)grade.Grade, (int)other.Grade)).ToList();
        var figures = AgreementReportTests.Figures(rows);

        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        var page = await psw.GetOkAsync($"/reports/agreement?templateId={template}");
        Browser.Text(page).ShouldContain("Auditor and blind second auditor");
        var byCriterion = Rows(page, "Auditor and second auditor by criterion");
        byCriterion.Count.ShouldBe(criteria.Count);
        byCriterion.Select(r => r[1]).ShouldBe(criteria.Select(c => rows.Count(r => r.CriterionId == c).ToString(CultureInfo.InvariantCulture)));
        byCriterion.Select(r => r[2]).ShouldBe(criteria.Select(c =>
            AgreementReportTests.Figures([.. rows.Where(r => r.CriterionId == c)]).ExactAgreement is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "Not enough pairs to say"));
        Browser.Text(page).ShouldContain($"Pairs {figures.Pairs}");
    }

    [Fact]
    public async Task TheSecondAuditorGradesBlindThroughTheGradingPagesAndTheAuditStaysWhereItWas()
    {
        var template = (await _scenario.DudleyTemplateAsync()).Id();
        var caseFile = (await _scenario.Psw.GetOkAsync("/api/case-files")).AsArray()[0].Id();
        var round = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Second marked audit",
            templateId = template,
            dueOn = "2026-12-18",
            caseFileIds = new[] { caseFile },
            auditors = new[] { DemoUsers.Auditor, DemoUsers.OtherAuditor },
            youngAssessors = new[] { DemoUsers.YoungAssessor },
            secondMarkingPercent = 100,
        });
        var audit = round.Arr("auditIds").Select(a => Guid.Parse(a!.GetValue<string>())).Single();
        var second = (await _scenario.Psw.GetOkAsync($"/api/audits/{audit}")).Arr("assignments").Single(a => a.Str("role") == "SecondAuditor").Str("userName");
        var browser = await SignedInAsync(_factory, second);

        var review = await browser.GetOkAsync($"/audits/{audit}");
        Browser.Text(review).ShouldContain("You are this audit's second auditor: grade it blind.");
        for (var n = 1; n <= 6; n++)
        {
            var url = $"/audits/{audit}/grade/{n}";
            var question = await browser.GetOkAsync(url);
            var saved = await SubmitAsync(browser, question, url, "Save and continue", ("Grade", n == 3 ? "Inadequate" : "Good"), ("Evidence", $"Seen in the record, {n}."));
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, Browser.Text(await ParseAsync(saved)));
        }

        var overallUrl = $"/audits/{audit}/grade/overall";
        var overall = await browser.GetOkAsync(overallUrl);
        (await SubmitAsync(browser, overall, overallUrl, "Save and continue", ("Grade", "Good"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var check = await browser.GetOkAsync($"/audits/{audit}/grade/check");
        var submitted = await browser.PressAsync(check, "Submit your grades", $"/audits/{audit}/grade/check");
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var done = await browser.GetOkAsync(submitted.Headers.Location!.OriginalString);
        Browser.Text(done).ShouldContain("You graded this audit blind, as its second auditor.");

        var view = await _scenario.Psw.GetOkAsync($"/api/audits/{audit}");
        view.Str("state").ShouldBe("Grading");
        var grading = view.Arr("gradings").Single()!;
        grading.Str("role").ShouldBe("SecondAuditor");
        grading.Arr("grades").Select(g => g.Str("grade")).ShouldBe(["Good", "Good", "Inadequate", "Good", "Good", "Good"]);
        (await _scenario.Psw.GetOkAsync("/api/moderation")).AsArray().ShouldBeEmpty();
    }
}
