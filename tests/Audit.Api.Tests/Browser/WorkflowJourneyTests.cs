using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// The principal social worker reads a workflow, tries a change to it and has a broken draft refused, in a real
/// browser, on a laptop and on a 360 px phone. Nothing is published, so the service the tests share keeps version 1.
/// </summary>
public sealed class WorkflowJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static ILocator Menu(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static async Task NoSidewaysScrollingAsync(IPage page, Viewport viewport) =>
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(viewport.Width, "no sideways scrolling");

    [Fact]
    public async Task ThePrincipalSocialWorkerReadsAWorkflowAndTriesAChangeBeforePublishing()
    {
        var page = await NewPageAsync(Viewport.Desktop);
        await SignInAsync(page, DemoUsers.Psw);

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();
        await StepScreenshotAsync(page);
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Workflows");
        await CheckAccessibilityAsync(page, "workflows-desktop");

        await page.GetByRole(AriaRole.Link, new() { Name = "Version 1 of Case-file audit" }).ClickAsync();
        await StepScreenshotAsync(page);
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Case-file audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "State diagram of Case-file audit, version 1" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Transitions" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("remindGraders: 5 days before the round is due");
        await CheckAccessibilityAsync(page, "workflow-version-desktop");

        await page.GetByRole(AriaRole.Link, new() { Name = "Try a draft before publishing it" }).ClickAsync();
        await StepScreenshotAsync(page);
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Try a workflow before publishing it");
        var draft = JsonNode.Parse(await page.GetByLabel("Draft workflow definition (JSON)").InputValueAsync())!;
        draft["states"]![2]!["onEntry"]![1]!["with"]!["dueInDays"] = 14;
        await page.GetByLabel("Draft workflow definition (JSON)").FillAsync(draft.ToJsonString());
        await page.GetByLabel("Auditor's grade for criterion 2").SelectOptionAsync("RequiresImprovement");
        await page.GetByLabel("How many follow-up actions the team manager closes").SelectOptionAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Try it" }).ClickAsync();
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What would happen" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Step 3: Grading to ActionsOpen" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("1 follow-up action raised for the team manager (criteria 2), due on day 14.");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("escalateOverdue fires on day 15");
        await Assertions.Expect(page.GetByLabel("Auditor's grade for criterion 2")).ToHaveValueAsync("RequiresImprovement");
        await CheckAccessibilityAsync(page, "workflow-try-desktop");
    }

    [Fact]
    public async Task ABrokenDraftIsRefusedWithEachErrorAndItsJsonPathOnAPhone()
    {
        var page = await NewPageAsync(Viewport.Phone);
        await SignInAsync(page, DemoUsers.Psw);

        await GoToAsync(page, "/workflows/case-file-audit/versions/1");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "State diagram of Case-file audit, version 1" })).ToBeVisibleAsync();
        await NoSidewaysScrollingAsync(page, Viewport.Phone);
        await CheckAccessibilityAsync(page, "workflow-version-phone");

        await GoToAsync(page, "/workflows/publish");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Publish a new version of a workflow");
        await NoSidewaysScrollingAsync(page, Viewport.Phone);
        await CheckAccessibilityAsync(page, "workflow-publish-phone");
        var broken = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.WorkflowsFolder(), "case-file-audit.json")))!;
        broken["version"] = 2;
        broken["transitions"]![0]!["to"] = "Moderaton";
        broken["triggers"]![0]!["roles"] = new JsonArray("Nobody");
        var pasted = broken.ToJsonString();
        await page.GetByLabel("Workflow definition (JSON)").FillAsync(pasted);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await StepScreenshotAsync(page);

        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary).ToContainTextAsync("$.transitions[0].to:");
        await Assertions.Expect(summary).ToContainTextAsync("$.triggers[0].roles[0]");
        await Assertions.Expect(page.GetByLabel("Workflow definition (JSON)")).ToHaveValueAsync(pasted);
        await NoSidewaysScrollingAsync(page, Viewport.Phone);
        await CheckAccessibilityAsync(page, "workflow-publish-errors-phone");
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Workflow definition (JSON)")).ToBeFocusedAsync();

        await GoToAsync(page, "/workflows/try");
        await page.GetByRole(AriaRole.Button, new() { Name = "Try it" }).ClickAsync();
        await StepScreenshotAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Step 1: Starts in Grading" })).ToBeVisibleAsync();
        await NoSidewaysScrollingAsync(page, Viewport.Phone);
        await CheckAccessibilityAsync(page, "workflow-try-phone");
        (await new Scenario(Fixture.App).Psw.GetOkAsync("/api/workflows")).AsArray().Count.ShouldBe(1);
    }
}
