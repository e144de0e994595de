using System.Net;
using Audit.Api.Features.RoundPlans;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

/// <summary>Reading, editing (with its version guard) and deleting a round plan, and the dates it will open.</summary>
public sealed class RoundPlanEditingTests : IDisposable
{
    // The runner runs when the test says, not on the background timer as the fake clock moves.
    private readonly AuditApiFactory _factory = new(settings: new Dictionary<string, string?> { ["Timers:RunInBackground"] = "false" });
    private readonly Scenario _scenario;

    public RoundPlanEditingTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private async Task<object> BodyAsync(string schedule = "0 6 1 * *", int? version = null, Guid? templateId = null, string name = "Monthly voice audit") => new
    {
        version,
        name,
        templateId = templateId ?? (await _scenario.DudleyTemplateAsync()).Id(),
        schedule,
        dueInDays = 30,
        perTeam = 1,
        excludeAuditedWithinMonths = 0,
        auditors = new[] { DemoUsers.Auditor, DemoUsers.OtherAuditor },
        youngAssessors = new[] { DemoUsers.YoungAssessor, DemoUsers.OtherYoungAssessor },
    };

    private async Task<Guid> CreateAsync() =>
        (await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/round-plans", await BodyAsync())).Id();

    [Fact]
    public async Task APlanAnswersItsNextThreeOpeningsAndItsTemplate()
    {
        var id = await CreateAsync();

        var plan = await _scenario.Psw.GetOkAsync($"/api/round-plans/{id}");

        plan.Str("name").ShouldBe("Monthly voice audit");
        plan.Str("templateName").ShouldStartWith("Voice of the child");
        plan["version"]!.GetValue<int>().ShouldBe(0);
        plan.Arr("nextOpenings").Select(d => d!.GetValue<string>()[..19])
            .ShouldBe(["2026-12-01T06:00:00", "2027-01-01T06:00:00", "2027-02-01T06:00:00"]);
        plan.Str("nextOpens").ShouldStartWith("2026-12-01T06:00:00");
    }

    [Fact]
    public async Task ThePausedPlanOpensNothingAndSaysSo()
    {
        var id = await CreateAsync();

        var paused = await _scenario.Psw.PostOkAsync($"/api/round-plans/{id}/pause", new { });

        paused.Arr("nextOpenings").ShouldBeEmpty();
        paused["nextOpens"].ShouldBeNull();
    }

    [Fact]
    public async Task TheRunnerOpensTheFirstOfTheOpeningsThePlanShows()
    {
        var id = await CreateAsync();
        var shown = (await _scenario.Psw.GetOkAsync($"/api/round-plans/{id}")).Arr("nextOpenings")[0]!.GetValue<DateTimeOffset>();

        _factory.Clock.SetUtcNow(shown.AddMinutes(1));
        (await _factory.Services.GetRequiredService<RoundPlanRunner>().OpenDueAsync(CancellationToken.None)).ShouldBe(1);

        var plan = await _scenario.Psw.GetOkAsync($"/api/round-plans/{id}");
        plan["lastOpenedFor"]!.GetValue<DateTimeOffset>().ShouldBe(shown);
        plan.Arr("nextOpenings")[0]!.GetValue<DateTimeOffset>().ShouldBe(shown.AddMonths(1));
    }

    [Fact]
    public async Task AnEditChangesThePlanAndItsOpeningsAndMovesItsVersionOn()
    {
        var id = await CreateAsync();

        var edited = await _scenario.Psw.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/round-plans/{id}",
            await BodyAsync(schedule: "0 7 * * 1", version: 0, name: "Weekly voice audit"));

        edited.Str("name").ShouldBe("Weekly voice audit");
        edited.Str("schedule").ShouldBe("0 7 * * 1");
        edited["version"]!.GetValue<int>().ShouldBe(1);

        // Mondays at 07:00 after the edit (the clock stands at Monday 2 November 2026, 09:00).
        edited.Arr("nextOpenings").Select(d => d!.GetValue<string>()[..19]).ShouldBe(["2026-11-09T07:00:00", "2026-11-16T07:00:00", "2026-11-23T07:00:00"]);
        (await _scenario.Psw.GetOkAsync($"/api/round-plans/{id}")).Str("name").ShouldBe("Weekly voice audit");
        (await _factory.WithDbAsync(db => db.ChangeRecords.CountAsync(c => c.Entity == "RoundPlan" && c.EntityKey == id.ToString() && c.Operation == "Modified")))
            .ShouldBe(1);
    }

    [Fact]
    public async Task AnEditOfAStaleVersionIsRefusedWith409AndChangesNothing()
    {
        var id = await CreateAsync();
        await _scenario.Psw.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/round-plans/{id}", await BodyAsync(version: 0, name: "First edit"));

        var stale = await _scenario.Psw.SendAsync(HttpMethod.Put, $"/api/round-plans/{id}", await BodyAsync(version: 0, name: "Second edit"));

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Scenario.AsJsonAsync(stale)).Str("detail").ShouldContain("version 1");
        (await _scenario.Psw.GetOkAsync($"/api/round-plans/{id}")).Str("name").ShouldBe("First edit");
    }

    [Fact]
    public async Task AnEditWithoutAVersionOrWithABadScheduleIsRefusedByField()
    {
        var id = await CreateAsync();

        var response = await _scenario.Psw.SendAsync(HttpMethod.Put, $"/api/round-plans/{id}", await BodyAsync(schedule: "every month"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Scenario.AsJsonAsync(response))["errors"]!.AsObject();
        errors.Select(e => e.Key).Order().ShouldBe(["schedule", "version"]);
    }

    [Fact]
    public async Task ARetiredTemplateIsRefusedForANewPlanAndForAnEdit()
    {
        var id = await CreateAsync();
        var template = (await _scenario.DudleyTemplateAsync()).Id();
        await _scenario.Psw.PostOkAsync($"/api/templates/{template}/retire", new { });

        var edit = await _scenario.Psw.SendAsync(HttpMethod.Put, $"/api/round-plans/{id}", await BodyAsync(version: 0, templateId: template));
        var create = await _scenario.Psw.SendAsync(HttpMethod.Post, "/api/round-plans", await BodyAsync(templateId: template));

        foreach (var response in new[] { edit, create })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await Scenario.AsJsonAsync(response))["errors"]!["templateId"]![0]!.GetValue<string>().ShouldContain("retired");
        }
    }

    [Fact]
    public async Task APlanTakesTheNewestVersionOfItsTemplate()
    {
        var first = await _scenario.DudleyTemplateAsync();
        var body = new
        {
            name = first.Str("name"),
            criteria = first.Arr("criteria").Select(c => new { title = c.Str("title"), guidance = "Same." }),
            target = new { atLeast = "Good", percent = 70 },
            graders = new[] { "Auditor", "YoungAssessor" },
        };
        var second = await _scenario.Psw.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/templates/{first.Id()}", body);

        var plan = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/round-plans", await BodyAsync(templateId: first.Id()));

        plan.Id("templateId").ShouldBe(second.Id());
    }

    [Fact]
    public async Task DeletingAPlanKeepsTheRoundsItOpenedAndTheRecordOfTheDeletion()
    {
        var id = await CreateAsync();
        _factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));
        (await _factory.Services.GetRequiredService<RoundPlanRunner>().OpenDueAsync(CancellationToken.None)).ShouldBe(1);

        var deleted = await _scenario.Psw.SendAsync(HttpMethod.Delete, $"/api/round-plans/{id}");

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _scenario.Psw.GetAsync($"/api/round-plans/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _scenario.Psw.SendAsync(HttpMethod.Delete, $"/api/round-plans/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _factory.WithDbAsync(db => db.Rounds.Select(r => r.Name).ToListAsync())).ShouldBe(["Monthly voice audit (2026-12-01)"]);
        var record = await _factory.WithDbAsync(db => db.ChangeRecords.SingleAsync(c => c.Entity == "RoundPlan" && c.Operation == "Deleted"));
        record.EntityKey.ShouldBe(id.ToString());
        record.UserName.ShouldBe(DemoUsers.Psw);
    }

    [Fact]
    public async Task TheListIsPagedWithItsTotalInTheHeader()
    {
        await CreateAsync();
        await CreateAsync();

        var response = await _scenario.Psw.GetAsync("/api/round-plans?take=1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("X-Total-Count").Single().ShouldBe("2");
        (await Scenario.AsJsonAsync(response)).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task GraderPoolsNameOnlyPeopleInThatRole()
    {
        var response = await _scenario.Psw.SendAsync(HttpMethod.Post, "/api/round-plans", new
        {
            name = "Mixed up",
            templateId = (await _scenario.DudleyTemplateAsync()).Id(),
            schedule = "0 6 1 * *",
            dueInDays = 30,
            perTeam = 1,
            excludeAuditedWithinMonths = 0,
            auditors = new[] { DemoUsers.YoungAssessor },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Scenario.AsJsonAsync(response))["errors"]!["auditors"]![0]!.GetValue<string>().ShouldContain("cannot grade as an auditor");
    }
}
