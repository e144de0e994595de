using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Pages.Audits;
using Audit.Api.Tests.Support;
using Audit.Domain.Teams;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// Graders' journeys through the audit pages in Chromium: the young assessor on a phone, the auditor on a laptop. Each
/// test plans a round of its own over case files no other test uses, so tests never meet each other's audits.
/// </summary>
public sealed class GradingJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    // Case files by position in reference order; every third from the first has a cleared extract in the demo data.
    private const int JourneyFile = 0;
    private const int DraftFile = 3;
    private const int KeyboardFile = 6;
    private const int ErrorFile = 9;
    private const int AuditorFile = 1;
    private const int ConcernFile = 12;
    private const int TwoTabsFile = 15;

    private const string Evidence = "What in the record shows this?";

    private Scenario Scenario => new(Fixture.App);

    [Fact]
    public async Task AYoungAssessorGradesAReviewOnAPhoneFromTheListToTheConfirmation()
    {
        var auditId = (await Scenario.PlanRoundAsync(skip: JourneyFile)).Single();
        var page = await NewPageAsync(Viewport.Phone);
        await SignInAsync(page, DemoUsers.YoungAssessor);

        await GoToAsync(page, "/");
        await ClickAsync(page, page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "My reviews" }));
        await Expect(Heading(page)).ToHaveTextAsync("My reviews");
        await YoungAssessorPageAsync(page, "list");

        await ClickAsync(page, page.GetByRole(AriaRole.Link, new() { Name = await YoungAssessorLinkAsync(auditId), Exact = true }));
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("What the record says");
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("CF-");
        await YoungAssessorPageAsync(page, "review");

        await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start grading" }));
        for (var n = 1; n <= 6; n++)
        {
            await Expect(page.GetByText($"Question {n} of 6")).ToBeVisibleAsync();
            if (n == 1)
            {
                await Expect(Heading(page)).ToHaveTextAsync("Did the worker listen to the child?");
                await YoungAssessorPageAsync(page, "question");
            }

            await page.GetByLabel("Good", new() { Exact = true }).CheckAsync();
            await page.GetByLabel(Evidence).FillAsync($"The child said what they liked. Answer {n}.");
            await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }));
        }

        await Expect(Heading(page)).ToHaveTextAsync("Overall, how well was the child heard?");
        await YoungAssessorPageAsync(page, "overall");
        await page.GetByLabel("Good", new() { Exact = true }).CheckAsync();
        await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }));

        await Expect(Heading(page)).ToHaveTextAsync("Check your answers");
        await YoungAssessorPageAsync(page, "check");
        await ClickAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Change your answer to question 2" }));
        await Expect(page.GetByLabel("Good", new() { Exact = true })).ToBeCheckedAsync();
        await page.GetByLabel("Outstanding", new() { Exact = true }).CheckAsync();
        await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }));
        await Expect(Heading(page)).ToHaveTextAsync("Check your answers");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Outstanding");

        await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit your grades" }));
        await Expect(Heading(page)).ToHaveTextAsync("Grades submitted");
        await YoungAssessorPageAsync(page, "done");

        await GoToAsync(page, AuditPaths.Concern(auditId));
        await YoungAssessorPageAsync(page, "concern");

        var audit = await Scenario.Psw.GetOkAsync($"/api/audits/{auditId}");
        var grading = audit.Arr("gradings").Single(g => g.Str("grader") == DemoUsers.YoungAssessor)!;
        grading.Str("overall").ShouldBe("Good");
        var criteria = await Scenario.CriterionIdsAsync();
        criteria.Select(c => grading.Arr("grades").Single(g => g.Id("criterionId") == c)!.Str("grade"))
            .ShouldBe(["Good", "Outstanding", "Good", "Good", "Good", "Good"]);
    }

    [Fact]
    public async Task AnAnswerOnAQuestionPageIsStillThereInANewBrowser()
    {
        var auditId = (await Scenario.PlanRoundAsync(skip: DraftFile)).Single();
        var phone = await NewPageAsync(Viewport.Phone);
        await SignInAsync(phone, DemoUsers.YoungAssessor);
        await GoToAsync(phone, AuditPaths.Question(auditId, 1));
        await phone.GetByLabel("Requires improvement", new() { Exact = true }).CheckAsync();
        await phone.GetByLabel(Evidence).FillAsync("The plan does not say what the child wanted.");
        await ClickAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }));
        await Expect(phone.GetByText("Question 2 of 6")).ToBeVisibleAsync();

        var later = await NewPageAsync(Viewport.Phone);
        await SignInAsync(later, DemoUsers.YoungAssessor);
        await GoToAsync(later, AuditPaths.Review(auditId));
        await ClickAsync(later, later.GetByRole(AriaRole.Button, new() { Name = "Continue grading" }));

        await Expect(later.GetByLabel("Requires improvement", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(later.GetByLabel(Evidence)).ToHaveValueAsync("The plan does not say what the child wanted.");
    }

    [Fact]
    public async Task AKeyboardUserGradesAPrincipleAndMovesOnWithoutAMouse()
    {
        var auditId = (await Scenario.PlanRoundAsync(skip: KeyboardFile)).Single();
        var page = await NewPageAsync(Viewport.Phone);
        await SignInAsync(page, DemoUsers.YoungAssessor);
        await GoToAsync(page, AuditPaths.Review(auditId));

        (await TabToAsync(page, "Start grading")).Role.ShouldBe("button");
        await PressAsync(page, "Enter");
        await Expect(page.GetByText("Question 1 of 6")).ToBeVisibleAsync();
        (await TabToAsync(page, "Outstanding")).Role.ShouldBe("radio");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByLabel("Good", new() { Exact = true })).ToBeCheckedAsync();
        (await TabToAsync(page, Evidence)).Role.ShouldBe("textbox");
        await page.Keyboard.TypeAsync("The child's words are in the plan.");
        (await TabToAsync(page, "Save and continue")).Role.ShouldBe("button");
        await PressAsync(page, "Enter");

        await Expect(page.GetByText("Question 2 of 6")).ToBeVisibleAsync();
        var draft = await Scenario.YoungAssessor.GetOkAsync($"/api/audits/{auditId}/draft");
        var first = draft.Arr("grades").ShouldHaveSingleItem()!;
        first.Str("grade").ShouldBe("Good");
        first.Str("evidence").ShouldBe("The child's words are in the plan.");
    }

    [Fact]
    public async Task AQuestionPageWithoutAGradeSaysSoAtTheTopAndKeepsWhatWasTyped()
    {
        var auditId = (await Scenario.PlanRoundAsync(skip: ErrorFile)).Single();
        var page = await NewPageAsync(Viewport.Phone);
        await SignInAsync(page, DemoUsers.YoungAssessor);
        await GoToAsync(page, AuditPaths.Question(auditId, 1));

        await page.GetByLabel(Evidence).FillAsync("They asked the child at school.");
        await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }));

        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToContainTextAsync("There is a problem");
        var link = summary.GetByRole(AriaRole.Link, new() { Name = "Choose a grade" });
        (await link.GetAttributeAsync("href")).ShouldBe("#Grade");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Did the worker listen to the child?" })).ToContainTextAsync("Error: Choose a grade");
        await Expect(page.GetByLabel(Evidence)).ToHaveValueAsync("They asked the child at school.");
        (await page.TitleAsync()).ShouldStartWith("Error: ");
        await YoungAssessorPageAsync(page, "question-error");

        await link.ClickAsync();
        await Expect(page.GetByLabel("Outstanding", new() { Exact = true })).ToBeFocusedAsync();
        var draft = await Scenario.YoungAssessor.GetOkAsync($"/api/audits/{auditId}/draft");
        draft.Arr("grades").ShouldHaveSingleItem()!.Str("evidence").ShouldBe("They asked the child at school.");
    }

    [Fact]
    public async Task AnAuditorGradesThenPreparesAndClearsTheExtractTheYoungAssessorThenReads()
    {
        var auditId = (await Scenario.PlanRoundAsync(skip: AuditorFile)).Single();
        var staffView = await Scenario.Auditor.GetOkAsync($"/api/audits/{auditId}");
        var reference = staffView["caseFile"].Str("reference");
        var worker = staffView["caseFile"].Str("worker");
        var area = AuditWords.Of(Enum.Parse<ServiceArea>(staffView["caseFile"].Str("serviceArea")));
        var page = await NewPageAsync(Viewport.Desktop);
        await SignInAsync(page, DemoUsers.Auditor);

        await GoToAsync(page, "/");
        await ClickAsync(page, page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "My audits" }));
        await Expect(Heading(page)).ToHaveTextAsync("My audits");
        await CheckAccessibilityAsync(page, "auditor-list");
        await ClickAsync(page, page.GetByRole(AriaRole.Link, new() { Name = $"{reference}: {area}" }));
        await Expect(Heading(page)).ToHaveTextAsync($"Audit of {reference}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Raise a safeguarding concern" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page, "auditor-review");

        await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start grading" }));
        await Expect(Heading(page)).ToHaveTextAsync("I am listened to.");
        await CheckAccessibilityAsync(page, "auditor-question");
        for (var n = 1; n <= 6; n++)
        {
            await page.GetByLabel(n == 3 ? "Requires improvement" : "Good", new() { Exact = true }).CheckAsync();
            await page.GetByLabel(Evidence).FillAsync($"Review record, section {n}: the child's wishes are quoted and acted on.");
            await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }));
        }

        await CheckAccessibilityAsync(page, "auditor-overall");
        await page.GetByLabel("Good", new() { Exact = true }).CheckAsync();
        await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }));
        await CheckAccessibilityAsync(page, "auditor-check");
        await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit your grades" }));
        await Expect(Heading(page)).ToHaveTextAsync("Grades submitted");
        await CheckAccessibilityAsync(page, "auditor-done");

        await GoToAsync(page, AuditPaths.Review(auditId));
        await Expect(page.GetByRole(AriaRole.Table).First).ToContainTextAsync("Requires improvement");
        await ClickAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Prepare extract for the young assessor" }));
        await CheckAccessibilityAsync(page, "auditor-extract");
        const string Extract = "At the review the young person said they want to see their sister more often.";
        await page.GetByLabel("Redacted extract").FillAsync(Extract);
        await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save and preview" }));

        await Expect(Heading(page)).ToHaveTextAsync("Preview what the young assessor will see");
        var preview = page.GetByRole(AriaRole.Region, new() { Name = "The young assessor's review page" });
        await Expect(preview).ToContainTextAsync(Extract);
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(reference);
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(worker);
        await CheckAccessibilityAsync(page, "auditor-preview");
        await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Clear it for the young assessor" }));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Extract cleared");
        await CheckAccessibilityAsync(page, "auditor-cleared");

        var youngAssessor = await NewPageAsync(Viewport.Phone);
        await SignInAsync(youngAssessor, DemoUsers.YoungAssessor);
        await GoToAsync(youngAssessor, AuditPaths.Review(auditId));
        await Expect(youngAssessor.GetByRole(AriaRole.Main)).ToContainTextAsync(Extract);
        await YoungAssessorPageAsync(youngAssessor, "review-with-extract");
    }

    [Fact]
    public async Task AYoungAssessorsConcernReachesTheTeamManager()
    {
        var auditId = (await Scenario.PlanRoundAsync(skip: ConcernFile)).Single();
        var page = await NewPageAsync(Viewport.Phone);
        await SignInAsync(page, DemoUsers.YoungAssessor);
        await GoToAsync(page, AuditPaths.Review(auditId));

        await ClickAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "I am worried about this child's safety" }));
        await Expect(Heading(page)).ToHaveTextAsync("Tell us what worried you");
        await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send" }));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Tell us what worried you");
        await YoungAssessorPageAsync(page, "concern-error");
        await page.GetByLabel("Tell us what worried you").FillAsync("The child says they are scared to go home.");
        await ClickAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send" }));

        await Expect(Heading(page)).ToHaveTextAsync("Thank you for telling us");
        await YoungAssessorPageAsync(page, "concern-sent");
        var teamId = (await Scenario.Psw.GetOkAsync($"/api/audits/{auditId}"))["caseFile"].Id("teamId");
        var team = (await Scenario.Psw.GetOkAsync("/api/teams")).AsArray().Single(t => t.Id() == teamId)!;
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(team.Str("teamManager"));
        var notifications = await Fixture.App.ClientFor(team.Str("teamManager")).GetOkAsync("/api/notifications");
        notifications.AsArray().ShouldContain(n => n.Str("kind") == "Concern" && n.Id("auditId") == auditId);
    }

    [Fact]
    public async Task SubmittingAgainFromASecondTabSaysTheGradesWereAlreadySubmitted()
    {
        var auditId = (await Scenario.PlanRoundAsync(skip: TwoTabsFile)).Single();
        var criteria = await Scenario.CriterionIdsAsync();
        await Scenario.YoungAssessor.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/audits/{auditId}/draft", new
        {
            grades = criteria.Select(id => new { criterionId = id, grade = "Good", evidence = "The child's words are quoted." }),
            overall = "Good",
        });
        var first = await NewPageAsync(Viewport.Phone);
        await SignInAsync(first, DemoUsers.YoungAssessor);
        await GoToAsync(first, AuditPaths.Check(auditId));
        var second = await first.Context.NewPageAsync();
        await GoToAsync(second, AuditPaths.Check(auditId));

        await ClickAsync(first, first.GetByRole(AriaRole.Button, new() { Name = "Submit your grades" }));
        await Expect(Heading(first)).ToHaveTextAsync("Grades submitted");
        var answer = await second.RunAndWaitForResponseAsync(
            () => second.GetByRole(AriaRole.Button, new() { Name = "Submit your grades" }).ClickAsync(),
            response => response.Request.Method == "POST");

        answer.Status.ShouldBe(200);
        await second.WaitForLoadStateAsync();
        await StepScreenshotAsync(second);
        await Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your grades were already sent");
        await Expect(Heading(second)).ToHaveTextAsync("The grades you sent");
        await Expect(second.GetByRole(AriaRole.Button, new() { Name = "Submit your grades" })).ToHaveCountAsync(0);
        await YoungAssessorPageAsync(second, "check-already-submitted");
        (await Scenario.Psw.GetOkAsync($"/api/audits/{auditId}")).Arr("gradings").Count(g => g.Str("grader") == DemoUsers.YoungAssessor).ShouldBe(1);
    }

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>Clicks, waits for the page it opens, and screenshots it as a step of the journey.</summary>
    private async Task ClickAsync(IPage page, ILocator target)
    {
        await target.ClickAsync();
        await page.WaitForLoadStateAsync();
        await StepScreenshotAsync(page);
    }

    /// <summary>Every page a young assessor reads passes axe and reads at grade 7 or lower.</summary>
    private static async Task YoungAssessorPageAsync(IPage page, string name)
    {
        await CheckAccessibilityAsync(page, $"young-assessor-{name}");
        var age = await ReadingAge.OfMainAsync(page);
        Log($"Reading age of the young assessor's {name} page ({page.Url}): grade {age.Grade:0.0}");
        age.Grade.ShouldBeLessThanOrEqualTo(7, $"the young assessor's {name} page");
    }

    /// <summary>The young assessor's list names each review by its place in the list and its service area.</summary>
    private async Task<string> YoungAssessorLinkAsync(Guid auditId)
    {
        var mine = (await Scenario.YoungAssessor.GetOkAsync("/api/audits?mine=true")).AsArray().Select(a => a!).ToList();
        var index = mine.FindIndex(a => a.Id() == auditId);
        index.ShouldBeGreaterThanOrEqualTo(0);
        return $"Review {index + 1}: {AuditWords.Of(Enum.Parse<ServiceArea>(mine[index].Str("serviceArea")))}";
    }
}
