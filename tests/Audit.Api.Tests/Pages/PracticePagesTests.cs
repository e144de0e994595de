using System.Net;
using Audit.Api.Tests.Support;
using static Audit.Api.Tests.Pages.PageForms;

namespace Audit.Api.Tests.Pages;

/// <summary>The allocated worker's pages: their case files' final grades, a reflection on each, and the team manager reading it.</summary>
public sealed class PracticePagesTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TheWorkerReadsTheGradesWritesAReflectionAndTheTeamManagerReadsItOnTheAction()
    {
        var scenario = new Scenario(_factory);
        var raised = await scenario.RaiseActionAsync(_factory, skip: 0);
        var worker = await SignedInAsync(_factory, DemoUsers.Practitioner);

        var home = await worker.GetOkAsync("/");
        home.QuerySelectorAll("a").ShouldContain(a => a.GetAttribute("href") == "/my-audits");
        var list = await worker.GetOkAsync("/my-audits");
        Heading(list).ShouldBe("Audits of your case files");
        list.QuerySelectorAll("a").ShouldContain(a => a.GetAttribute("href") == $"/my-audits/{raised.AuditId}");
        Browser.Text(list).ShouldContain("5 of 6 principles meet the target");

        var page = await worker.GetOkAsync($"/my-audits/{raised.AuditId}");
        Heading(page).ShouldBe("Audit of CF-100001");
        page.QuerySelectorAll("form textarea").Length.ShouldBe(6);
        Browser.Text(page).ShouldContain("Final grade: Requires improvement");

        var empty = await SubmitAsync(worker, page, $"/my-audits/{raised.AuditId}", "Save reflection on principle 3");
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        var invalid = await ParseAsync(empty);
        invalid.Title!.ShouldStartWith("Error: ");
        Errors(invalid).ShouldBe(["Write your reflection."]);
        var field = invalid.QuerySelector(".govuk-error-summary a")!.GetAttribute("href")!.TrimStart('#');
        invalid.QuerySelector($"#{field}")!.Closest("section")!.Id.ShouldBe("principle-3");

        const string Words = "The child's words are in the record but I did not say what changed because of them. I will now.";
        var saved = await SubmitAsync(worker, invalid, $"/my-audits/{raised.AuditId}", "Save reflection on principle 3", (invalid.QuerySelector($"#{field}")!.GetAttribute("name")!, Words));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await worker.GetOkAsync(saved.Headers.Location!.OriginalString);
        after.QuerySelector(".govuk-notification-banner--success")!.TextContent.ShouldContain("Your reflection on principle 3 is saved");
        after.QuerySelector("#principle-3 textarea")!.TextContent.ShouldBe(Words);
        after.QuerySelectorAll("button").ShouldContain(b => b.TextContent.Trim() == "Save changes to principle 3");

        var manager = await SignedInAsync(_factory, raised.TeamManager);
        var action = await manager.GetOkAsync($"/actions/{raised.ActionId}");
        Browser.Text(action).ShouldContain("The allocated worker's reflection");
        Browser.Text(action).ShouldContain(Words);

        (await worker.GetAsync($"/audits/{raised.AuditId}")).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var other = await SignedInAsync(_factory, DemoUsers.OtherPractitioner);
        (await other.GetAsync($"/my-audits/{raised.AuditId}")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
