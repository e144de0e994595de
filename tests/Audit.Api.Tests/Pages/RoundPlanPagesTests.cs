using System.Net;
using Audit.Api.Tests.Support;
using static Audit.Api.Tests.Pages.PageForms;

namespace Audit.Api.Tests.Pages;

/// <summary>The principal social worker's round plan pages, driven without a real browser.</summary>
public sealed class RoundPlanPagesTests : IDisposable
{
    private readonly AuditApiFactory _factory = new(settings: new Dictionary<string, string?> { ["Timers:RunInBackground"] = "false" });
    private readonly Scenario _scenario;

    public RoundPlanPagesTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private async Task<Guid> PlanAsync(string name = "Monthly voice audit") =>
        (await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/round-plans", new
        {
            name,
            templateId = (await _scenario.DudleyTemplateAsync()).Id(),
            schedule = "0 6 1 * *",
            dueInDays = 30,
            perTeam = 2,
            excludeAuditedWithinMonths = 6,
            auditors = new[] { DemoUsers.Auditor, DemoUsers.OtherAuditor },
            youngAssessors = new[] { DemoUsers.YoungAssessor },
        })).Id();

    [Fact]
    public async Task TheListShowsEachPlanWithItsTemplateScheduleInWordsNextThreeDatesAndStatus()
    {
        var id = await PlanAsync();
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);

        var page = await psw.GetOkAsync("/round-plans");

        Heading(page).ShouldBe("Round plans");
        page.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim()).ShouldContain("Round plans");
        var row = page.QuerySelectorAll("tbody tr").Single();
        var text = Browser.Text(page);
        row.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/round-plans/{id}");
        row.TextContent.ShouldContain("Template: Voice of the child");
        row.TextContent.ShouldContain("At 06:00 UTC on day 1 of every month");
        row.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ShouldBe(["1 December 2026", "1 January 2027", "1 February 2027"]);
        row.QuerySelector(".govuk-tag")!.TextContent.ShouldBe("Active");
        text.ShouldContain("1 round plan");
    }

    [Fact]
    public async Task APlanCreatedOnThePageOpensOnItsScheduleWithThePoolsTicked()
    {
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        var form = await psw.GetOkAsync("/round-plans/new");
        Heading(form).ShouldBe("Plan recurring rounds");
        var template = (await _scenario.DudleyTemplateAsync()).Id().ToString();

        var response = await SubmitAsync(psw, form, "/round-plans/new", "Save round plan",
            ("Name", "Quarterly voice audit"),
            ("TemplateId", template),
            ("Schedule", "0 6 1 1,4,7,10 *"),
            ("Auditors", DemoUsers.Auditor),
            ("YoungAssessors", DemoUsers.YoungAssessor));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await psw.GetOkAsync(response.Headers.Location!.ToString());
        Heading(page).ShouldBe("Quarterly voice audit");
        var text = Browser.Text(page);
        text.ShouldContain("Round plan saved");
        text.ShouldContain("At 06:00 UTC on day 1 of January, April, July and October");
        text.ShouldContain("1 January 2027 at 06:00 UTC; 1 April 2027 at 06:00 UTC; 1 July 2027 at 06:00 UTC");
        text.ShouldContain("2 case files from each team, skipping those audited in the last 6 months");
        var plan = (await _scenario.Psw.GetOkAsync("/api/round-plans")).AsArray().Single()!;
        plan.Arr("auditors").Select(a => a!.GetValue<string>()).ShouldBe([DemoUsers.Auditor]);
        plan.Arr("youngAssessors").Select(a => a!.GetValue<string>()).ShouldBe([DemoUsers.YoungAssessor]);
    }

    [Fact]
    public async Task MistakesAreListedInTheSummaryWithWhatWasTypedKept()
    {
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        var form = await psw.GetOkAsync("/round-plans/new");

        var response = await SubmitAsync(psw, form, "/round-plans/new", "Save round plan",
            ("Name", ""), ("TemplateId", ""), ("Schedule", "every month"), ("DueInDays", "thirty"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        var errors = Errors(page);
        errors.ShouldContain("Enter a name for the plan.");
        errors.ShouldContain("Select a template.");
        errors.ShouldContain(e => e.StartsWith("Give a cron expression of five fields", StringComparison.Ordinal));
        errors.ShouldContain("Enter a whole number, like 30.");
        errors.ShouldContain("Select at least one auditor.");
        page.GetElementById("Schedule")!.GetAttribute("value").ShouldBe("every month");
        page.GetElementById("DueInDays")!.GetAttribute("value").ShouldBe("thirty");
        page.QuerySelector(".govuk-error-summary a[href='#Auditors']").ShouldNotBeNull();
        (await _scenario.Psw.GetOkAsync("/api/round-plans")).AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task AnEditSavesAndAnEditOfAPlanSomeoneElseChangedFirstSaysSoAndShowsItAsItNowStands()
    {
        var id = await PlanAsync();
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        var first = await psw.GetOkAsync($"/round-plans/{id}/edit");
        var second = await psw.GetOkAsync($"/round-plans/{id}/edit");
        Heading(first).ShouldBe("Edit round plan");
        first.GetElementById("Name")!.GetAttribute("value").ShouldBe("Monthly voice audit");

        var saved = await SubmitAsync(psw, first, $"/round-plans/{id}/edit", "Save changes", ("Name", "Monthly audit of the child's voice"), ("Schedule", "0 7 * * 1"));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await psw.GetOkAsync(saved.Headers.Location!.ToString());
        Browser.Text(page).ShouldContain("Every Monday at 07:00 UTC");

        var stale = await SubmitAsync(psw, second, $"/round-plans/{id}/edit", "Save changes", ("Name", "Overwritten"));

        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await ParseAsync(stale);
        Errors(refused).Single().ShouldContain("Someone else changed this round plan");
        refused.GetElementById("Name")!.GetAttribute("value").ShouldBe("Monthly audit of the child's voice");
        (await _scenario.Psw.GetOkAsync($"/api/round-plans/{id}")).Str("name").ShouldBe("Monthly audit of the child's voice");
    }

    [Fact]
    public async Task PausingAndResumingFromThePlansPageSaysSoWithTheTag()
    {
        var id = await PlanAsync();
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        var page = await psw.GetOkAsync($"/round-plans/{id}");

        var paused = await ParseAsync(await psw.PressAsync(page, "Pause plan", $"/round-plans/{id}"));

        Browser.Text(paused).ShouldContain("Round plan paused");
        paused.QuerySelector("main .govuk-tag")!.TextContent.ShouldBe("Paused");
        Browser.Text(paused).ShouldContain("None while paused");
        (await _scenario.Psw.GetOkAsync($"/api/round-plans/{id}"))["active"]!.GetValue<bool>().ShouldBeFalse();

        var resumed = await ParseAsync(await psw.PressAsync(paused, "Resume plan", $"/round-plans/{id}"));

        Browser.Text(resumed).ShouldContain("Round plan resumed");
        resumed.QuerySelector("main .govuk-tag")!.TextContent.ShouldBe("Active");
        (await _scenario.Psw.GetOkAsync($"/api/round-plans/{id}"))["active"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task DeletingAsksFirstThenGoesBackToTheListWithABanner()
    {
        var id = await PlanAsync();
        var psw = await SignedInAsync(_factory, DemoUsers.Psw);
        var details = await psw.GetOkAsync($"/round-plans/{id}");
        details.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain($"/round-plans/{id}/delete");
        var confirm = await psw.GetOkAsync($"/round-plans/{id}/delete");
        Heading(confirm).ShouldBe("Are you sure you want to delete this round plan?");

        var response = await psw.PressAsync(confirm, "Delete round plan", $"/round-plans/{id}/delete");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await psw.GetOkAsync(response.Headers.Location!.ToString());
        Browser.Text(list).ShouldContain("Round plan \"Monthly voice audit\" deleted");
        Browser.Text(list).ShouldContain("There are no round plans yet.");
        (await _scenario.Psw.GetAsync($"/api/round-plans/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await psw.GetAsync($"/round-plans/{id}")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
