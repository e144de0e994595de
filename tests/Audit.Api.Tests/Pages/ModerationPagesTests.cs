using System.Net;
using Audit.Api.Tests.Support;
using static Audit.Api.Tests.Pages.PageForms;

namespace Audit.Api.Tests.Pages;

/// <summary>The moderation queue and moderating one audit on its page, driven without a real browser.</summary>
public sealed class ModerationPagesTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public ModerationPagesTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    /// <summary>An audit in moderation: the auditor graded criterion 1 Inadequate; the graders are two points apart on criterion 2.</summary>
    private async Task<(Guid Audit, IReadOnlyList<Guid> Criteria)> InModerationAsync()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var audit = (await _scenario.PlanRoundAsync()).Single();
        await _scenario.Auditor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good", (0, "Inadequate"), (1, "RequiresImprovement")));
        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good", (0, "RequiresImprovement"), (1, "Outstanding")));
        (await _scenario.Psw.GetOkAsync($"/api/audits/{audit}")).Str("state").ShouldBe("Moderation");
        return (audit, criteria);
    }

    /// <summary>Every criterion's grade and reason as the form's fields; criterion 2's reason left out when asked.</summary>
    private static (string, string)[] Answers(int count, bool leaveOutReason = false) =>
    [
        .. Enumerable.Range(0, count).SelectMany(i => new[]
        {
            ($"Grades[{i}].Grade", i switch { 0 => "Inadequate", 1 => "Good", _ => "Good" }),
            ($"Grades[{i}].Reason", leaveOutReason && i == 1 ? "" : $"Reason {i + 1}: the record shows it."),
        }),
    ];

    [Fact]
    public async Task TheQueueListsTheAuditWithTheReasonsInWords()
    {
        var (audit, _) = await InModerationAsync();
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);

        var page = await psw.GetOkAsync("/moderation");

        Heading(page).ShouldBe("Moderation");
        page.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim()).ShouldContain("Moderation");
        page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ShouldContain($"/moderation/{audit}");
        var text = Browser.Text(page);
        text.ShouldContain(": a grader graded it Inadequate.");
        text.ShouldContain("Criterion 2, ");
        text.ShouldContain(": the graders are 2 points apart.");
        text.ShouldContain("Showing 1 to 1 of 1");
    }

    [Fact]
    public async Task TheAuditsPagePutsBothGradersGradesAndEvidenceSideBySideWithTheReason()
    {
        var (audit, _) = await InModerationAsync();
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);

        var page = await psw.GetOkAsync($"/moderation/{audit}");

        Heading(page).ShouldStartWith("Moderate the audit of CF-");
        var first = page.QuerySelectorAll("main section")[0];
        first.QuerySelector("h2")!.TextContent.ShouldStartWith("Criterion 1: ");
        var graders = first.QuerySelectorAll(".govuk-grid-column-one-half").Select(g => string.Join(' ', g.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        graders.Count.ShouldBe(2);
        graders[0].ShouldBe($"Auditor ({DemoUsers.Auditor}) Inadequate Evidence for criterion 1 found in the review record.");
        graders[1].ShouldBe($"Young assessor ({DemoUsers.YoungAssessor}) Requires improvement Evidence for criterion 1 found in the review record.");
        first.TextContent.ShouldContain("A grader graded it Inadequate.");
        first.QuerySelector("label[for='Grades_0__Grade']")!.TextContent.ShouldBe("Outstanding");
        Browser.Text(page).ShouldContain("Why it needs moderation");
        page.GetElementById("Grades_0__Reason").ShouldNotBeNull();
    }

    [Fact]
    public async Task ThePswConfirmsOneGradeAndChangesAnotherWithReasonsThenGoesBackToTheQueue()
    {
        var (audit, criteria) = await InModerationAsync();
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        var page = await psw.GetOkAsync($"/moderation/{audit}");

        var response = await SubmitAsync(psw, page, $"/moderation/{audit}", "Save moderated grades", Answers(criteria.Count));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var queue = await psw.GetOkAsync(response.Headers.Location!.ToString());
        Browser.Text(queue).ShouldContain(" moderated");
        Browser.Text(queue).ShouldContain("No audits are waiting for moderation.");
        var moderated = await _scenario.Psw.GetOkAsync($"/api/audits/{audit}");
        moderated.Str("state").ShouldNotBe("Moderation");
        var grades = moderated.Arr("moderation");
        grades.Count.ShouldBe(criteria.Count);
        grades.Single(g => g.Id("criterionId") == criteria[0]).Str("grade").ShouldBe("Inadequate");
        grades.Single(g => g.Id("criterionId") == criteria[1]).Str("grade").ShouldBe("Good");
        grades.Single(g => g.Id("criterionId") == criteria[1]).Str("reason").ShouldBe("Reason 2: the record shows it.");
        moderated.Arr("finalGrades").Single(f => f.Id("criterionId") == criteria[1])!["moderated"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task AMissingReasonOrGradeIsShownInTheSummaryWithWhatWasTypedKeptAndNothingSaved()
    {
        var (audit, criteria) = await InModerationAsync();
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        var page = await psw.GetOkAsync($"/moderation/{audit}");
        var answers = Answers(criteria.Count, leaveOutReason: true).Select(a => a.Item1 == "Grades[3].Grade" ? (a.Item1, "") : a).ToArray();

        var response = await SubmitAsync(psw, page, $"/moderation/{audit}", "Save moderated grades", answers);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await ParseAsync(response);
        Errors(refused).ShouldBe(["Criterion 2: give the reason for the moderated grade.", "Criterion 4: select the grade that counts."]);
        refused.QuerySelector(".govuk-error-summary a[href='#Grades_1__Reason']").ShouldNotBeNull();
        refused.QuerySelector(".govuk-error-summary a[href='#Grades_3__Grade']").ShouldNotBeNull();
        refused.GetElementById("Grades_0__Reason")!.TextContent.Trim().ShouldBe("Reason 1: the record shows it.");
        refused.QuerySelectorAll("input[name='Grades[0].Grade'][checked]").Single().GetAttribute("value").ShouldBe("Inadequate");
        (await _scenario.Psw.GetOkAsync($"/api/audits/{audit}")).Str("state").ShouldBe("Moderation");
    }

    [Fact]
    public async Task AnAuditModeratedMeanwhileSaysItHasMovedOn()
    {
        var (audit, criteria) = await InModerationAsync();
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        var page = await psw.GetOkAsync($"/moderation/{audit}");
        await _scenario.Psw.PostOkAsync($"/api/audits/{audit}/moderation", new
        {
            grades = new[] { new { criterionId = criteria[0], grade = "Inadequate", reason = "Confirmed." } },
        });

        var response = await SubmitAsync(psw, page, $"/moderation/{audit}", "Save moderated grades", Answers(criteria.Count));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await ParseAsync(response);
        Errors(refused).Single().ShouldContain("has moved on");
        Browser.Text(refused).ShouldContain("This audit is not waiting for moderation");
    }
}
