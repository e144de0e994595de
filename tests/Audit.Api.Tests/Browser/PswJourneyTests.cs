using System.Globalization;
using System.Text;
using Audit.Api.Tests.Support;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// The principal social worker runs an audit programme in the browser from nothing: creates a template, imports
/// case files (a file with faults, then a good one), plans a round over them with its preview, and, once the graders
/// have graded through the API, moderates the audit they disagree on and sees the round's progress. On a service of
/// the test's own, so its template, case files and round meet no other test's.
/// </summary>
public sealed class PswJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string TemplateName = "Hearing Robin's voice";
    private const string RoundName = "Winter voice audit";
    private const string Header = "reference,team,serviceArea,stage,worker,childAgeBand";
    private static readonly string[] Criteria = ["The child's views are recorded", "The plan answers what the child said", "The child knows what happened next"];

    private static ILocator Menu(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    private async Task ContinueAsync(IPage page, string nextPath)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync($"**{nextPath}*");
        await StepScreenshotAsync(page);
    }

    [Fact]
    public async Task APrincipalSocialWorkerSetsUpRunsAndModeratesARoundInTheBrowser()
    {
        using var app = new AuditApiFactory();
        app.UseKestrel(0);
        app.StartServer();
        var page = await NewPageAsync(Viewport.Desktop, app.ClientOptions.BaseAddress);
        await SignInAsync(page, DemoUsers.Psw);

        await CreateTemplateAsync(page);
        await ImportCaseFilesAsync(page);
        var roundUrl = await PlanRoundAsync(page);

        var scenario = new Scenario(app);
        var roundId = Guid.Parse(new Uri(roundUrl).AbsolutePath.Split('/')[^1]);
        var round = await scenario.Psw.GetOkAsync($"/api/rounds/{roundId}");
        var audits = round.Arr("audits").ToDictionary(a => a.Str("reference"), a => a.Id());
        audits.Keys.Order().ShouldBe(["PSW-0001", "PSW-0002"]);
        var criteria = (await scenario.Psw.GetOkAsync($"/api/audits/{audits["PSW-0001"]}")).Arr("criteria").Select(c => c.Id()).ToList();
        criteria.Count.ShouldBe(Criteria.Length, "the round's audits use the template made in the browser");

        // Both graders find PSW-0001 Good throughout; on PSW-0002 the auditor finds the first criterion Inadequate.
        await scenario.Auditor.PostOkAsync($"/api/audits/{audits["PSW-0001"]}/gradings", Scenario.Grading(criteria, "Good"));
        await scenario.YoungAssessor.PostOkAsync($"/api/audits/{audits["PSW-0001"]}/gradings", Scenario.Grading(criteria, "Good"));
        await scenario.Auditor.PostOkAsync($"/api/audits/{audits["PSW-0002"]}/gradings", Scenario.Grading(criteria, "Good", (0, "Inadequate")));
        await scenario.YoungAssessor.PostOkAsync($"/api/audits/{audits["PSW-0002"]}/gradings", Scenario.Grading(criteria, "Good", (0, "RequiresImprovement")));
        (await RoundProgressAsync(page)).ShouldBe(["2", "2", "1", "0", "1", "0", "0"]);

        await ModerateAsync(page, audits["PSW-0002"]);
        (await scenario.Psw.GetOkAsync($"/api/audits/{audits["PSW-0002"]}")).Str("state").ShouldBe("ActionsOpen");
        (await RoundProgressAsync(page)).ShouldBe(["2", "2", "0", "1", "1", "0", "0"]);
        await CheckAccessibilityAsync(page, "psw-round-progress-desktop");
    }

    private async Task CreateTemplateAsync(IPage page)
    {
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Templates" }).ClickAsync();
        await page.WaitForURLAsync("**/templates");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a template" }).ClickAsync();
        await page.WaitForURLAsync("**/templates/new");
        await StepScreenshotAsync(page);
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Create a template");

        await page.GetByLabel("Template name").FillAsync(TemplateName);
        for (var i = 0; i < Criteria.Length; i++)
        {
            var row = page.GetByRole(AriaRole.Group, new() { Name = $"Criterion {i + 1}", Exact = true });
            await row.GetByLabel("Title").FillAsync(Criteria[i]);
            await row.GetByLabel("Plain words for young assessors (optional)").FillAsync($"Did the worker do this well? ({i + 1})");
        }

        await page.GetByRole(AriaRole.Group, new() { Name = "Target grade" }).GetByRole(AriaRole.Radio, new() { Name = "Good", Exact = true }).CheckAsync();
        await page.GetByLabel("Target percentage").FillAsync("70");
        var graders = page.GetByRole(AriaRole.Group, new() { Name = "Who grades" });
        await graders.GetByRole(AriaRole.Checkbox, new() { Name = "Auditor" }).CheckAsync();
        await graders.GetByRole(AriaRole.Checkbox, new() { Name = "Young assessor" }).CheckAsync();
        await CheckAccessibilityAsync(page, "psw-template-new-desktop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save template" }).ClickAsync();
        await page.WaitForURLAsync("**/templates/*");
        await StepScreenshotAsync(page);
        await Assertions.Expect(Heading(page)).ToContainTextAsync(TemplateName);
        foreach (var criterion in Criteria)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(criterion);
        }
    }

    private async Task ImportCaseFilesAsync(IPage page)
    {
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Case files" }).ClickAsync();
        await page.WaitForURLAsync("**/case-files");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import case files" }).ClickAsync();
        await page.WaitForURLAsync("**/case-files/import");
        await StepScreenshotAsync(page);

        await page.GetByLabel("Upload a CSV file").SetInputFilesAsync(Csv("with-faults.csv", $"""
            {Header}
            PSW-0001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9
            PSW-0002,Early Help North,EarlyHelp,Whenever,Orrin Vale,10-15
            """));
        await page.GetByRole(AriaRole.Button, new() { Name = "Import file" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(summary).ToContainTextAsync("The file was not imported");
        await StepScreenshotAsync(page);
        var faults = page.GetByRole(AriaRole.Region, new() { Name = "Problems in the file" }).GetByRole(AriaRole.Row);
        await Assertions.Expect(faults).ToHaveCountAsync(2);
        await Assertions.Expect(faults.Nth(1)).ToContainTextAsync("3");
        await CheckAccessibilityAsync(page, "psw-import-faults-desktop");

        await page.GetByLabel("Upload a CSV file").SetInputFilesAsync(Csv("export.csv", $"""
            {Header}
            PSW-0001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9
            PSW-0002,Early Help North,EarlyHelp,Review,Orrin Vale,10-15
            """));
        await page.GetByRole(AriaRole.Button, new() { Name = "Import file" }).ClickAsync();
        await page.WaitForURLAsync("**/case-files*");
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("2 rows imported: 2 added, 0 updated, 0 unchanged");
    }

    private async Task<string> PlanRoundAsync(IPage page)
    {
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Rounds" }).ClickAsync();
        await page.WaitForURLAsync("**/rounds");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan a round" }).ClickAsync();
        await page.WaitForURLAsync("**/rounds/new*");
        await StepScreenshotAsync(page);
        await page.GetByLabel("Name of the round").FillAsync(RoundName);
        await page.GetByRole(AriaRole.Radio, new() { Name = TemplateName }).CheckAsync();
        await ContinueAsync(page, "/rounds/new/scope");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Early Help North", Exact = true }).CheckAsync();
        await ContinueAsync(page, "/rounds/new/how");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Pick the case files by hand" }).CheckAsync();
        await ContinueAsync(page, "/rounds/new/case-files");

        await page.GetByLabel("Search by reference").FillAsync("PSW-");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync("**/rounds/new/case-files?search=PSW-*");
        await StepScreenshotAsync(page);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "PSW-0001" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "PSW-0002" }).CheckAsync();
        await CheckAccessibilityAsync(page, "psw-round-case-files-desktop");
        await ContinueAsync(page, "/rounds/new/graders");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Ivan Quill" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Jay", Exact = true }).CheckAsync();
        await ContinueAsync(page, "/rounds/new/due-date");
        var due = DateTime.UtcNow.Date.AddDays(30);
        await page.GetByLabel("Day").FillAsync(due.Day.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Month").FillAsync(due.Month.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Year").FillAsync(due.Year.ToString(CultureInfo.InvariantCulture));
        await ContinueAsync(page, "/rounds/new/preview");

        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Check the round before you open it");
        var assignments = page.GetByRole(AriaRole.Table, new() { Name = "Who grades each case file" });
        (await assignments.GetByRole(AriaRole.Rowheader).AllInnerTextsAsync()).Order().ShouldBe(["PSW-0001", "PSW-0002"]);
        await Assertions.Expect(assignments).ToContainTextAsync("Ivan Quill");
        await CheckAccessibilityAsync(page, "psw-round-preview-desktop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Open this round" }).ClickAsync();
        await page.WaitForURLAsync("**/rounds/*?opened=true");
        await StepScreenshotAsync(page);
        await Assertions.Expect(Heading(page)).ToHaveTextAsync(RoundName);
        var audits = page.GetByRole(AriaRole.Table, new() { Name = "The round's audits" });
        (await audits.GetByRole(AriaRole.Rowheader).AllInnerTextsAsync()).Order().ShouldBe(["PSW-0001", "PSW-0002"]);
        return page.Url;
    }

    /// <summary>The round's row in the rounds list: audits, graded, in moderation, actions open, completed, cancelled, overdue.</summary>
    private async Task<IReadOnlyList<string>> RoundProgressAsync(IPage page)
    {
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Rounds" }).ClickAsync();
        await page.WaitForURLAsync("**/rounds");
        await StepScreenshotAsync(page);
        var row = page.GetByRole(AriaRole.Table, new() { Name = "Rounds and their progress" }).GetByRole(AriaRole.Row).Filter(new() { HasText = RoundName });
        return await row.GetByRole(AriaRole.Cell).AllInnerTextsAsync();
    }

    private async Task ModerateAsync(IPage page, Guid auditId)
    {
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Moderation" }).ClickAsync();
        await page.WaitForURLAsync("**/moderation");
        await StepScreenshotAsync(page);
        var main = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(main).ToContainTextAsync("a grader graded it Inadequate.");
        await main.Locator($"a[href='/moderation/{auditId}']").ClickAsync();
        await page.WaitForURLAsync($"**/moderation/{auditId}");
        await StepScreenshotAsync(page);
        await Assertions.Expect(Heading(page)).ToContainTextAsync("PSW-0002");
        await Assertions.Expect(main).ToContainTextAsync(Criteria[0]);

        for (var i = 0; i < Criteria.Length; i++)
        {
            var grade = i == 0 ? "Requires improvement" : "Good";
            await page.GetByRole(AriaRole.Group, new() { Name = $"Grade that counts for criterion {i + 1}" })
                .GetByRole(AriaRole.Radio, new() { Name = grade, Exact = true }).CheckAsync();
            await page.GetByLabel($"Reason for the grade for criterion {i + 1}").FillAsync(i == 0
                ? "The views are recorded but the plan does not answer them."
                : "Confirmed from the record.");
        }

        await CheckAccessibilityAsync(page, "psw-moderation-desktop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save moderated grades" }).ClickAsync();
        await page.WaitForURLAsync("**/moderation?moderated=*");
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("No audits are waiting for moderation.");
    }
}
