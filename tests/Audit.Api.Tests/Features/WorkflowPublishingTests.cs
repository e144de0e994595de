using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

public sealed class WorkflowPublishingTests : IDisposable
{
    private readonly SharedDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    private static JsonNode Version2(int dueInDays = 14)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.WorkflowsFolder(), "case-file-audit.json")))!;
        json["version"] = 2;
        json["states"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "ActionsOpen")!["onEntry"]![1]!["with"]!["dueInDays"] = dueInDays;
        return json;
    }

    [Fact]
    public async Task AnAuditStartedOnVersion1FinishesOnVersion1AfterVersion2IsPublished()
    {
        using var factory = _data.Instance();
        var scenario = new Scenario(factory);
        var criteria = await scenario.CriterionIdsAsync();
        var before = (await scenario.PlanRoundAsync()).Single();

        var published = await scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/workflows", Version2());
        published["version"]!.GetValue<int>().ShouldBe(2);
        var after = (await scenario.PlanRoundAsync(skip: 1)).Single();

        foreach (var audit in new[] { before, after })
        {
            await scenario.Auditor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good", (0, "RequiresImprovement")));
            await scenario.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good"));
        }

        var old = await scenario.Psw.GetOkAsync($"/api/audits/{before}");
        old["workflow"]!["version"]!.GetValue<int>().ShouldBe(1);
        old.Arr("actions").Single()!.Str("dueOn").ShouldBe("2026-11-30");
        var closed = await factory.ClientFor(old.Arr("actions").Single()!.Str("assignee"))
            .PostOkAsync($"/api/actions/{old.Arr("actions").Single()!.Id()}/close", new { whatChanged = "Done as the child asked." });
        closed.Str("status").ShouldBe("Closed");
        var finished = await scenario.Psw.GetOkAsync($"/api/audits/{before}");
        finished.Str("state").ShouldBe("Completed");
        finished["workflow"]!["version"]!.GetValue<int>().ShouldBe(1);

        var young = await scenario.Psw.GetOkAsync($"/api/audits/{after}");
        young["workflow"]!["version"]!.GetValue<int>().ShouldBe(2);
        young.Arr("actions").Single()!.Str("dueOn").ShouldBe("2026-11-16");
    }

    [Fact]
    public async Task TwoCouncilsEachPublishTheirOwnVersion2AndEachRunsItsOwn()
    {
        using var factory = new AuditApiFactory(folder: _data.Path, settings: new Dictionary<string, string?>
        {
            ["Tenancy:Councils:0"] = "north",
            ["Timers:RunInBackground"] = "false",
            ["Notifications:DispatchInBackground"] = "false",
        });
        await factory.SeedCouncilAsync("north");
        var (own, north) = (new Scenario(factory), new Scenario(factory, "north"));

        var ownVersion = await own.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/workflows", Version2(dueInDays: 14));
        var northVersion = await north.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/workflows", Version2(dueInDays: 21));
        (await north.Psw.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/api/workflows", Version2(dueInDays: 28)))
            .Str("detail").ShouldContain("version 2 is already published", Case.Sensitive, "each council's numbers are its own, and taken once");

        ownVersion["version"]!.GetValue<int>().ShouldBe(2);
        northVersion["version"]!.GetValue<int>().ShouldBe(2);
        northVersion.Str("contentHash").ShouldNotBe(ownVersion.Str("contentHash"));
        (await own.Psw.GetOkAsync("/api/workflows/case-file-audit/versions/2")).Str("contentHash").ShouldBe(ownVersion.Str("contentHash"));
        (await north.Psw.GetOkAsync("/api/workflows/case-file-audit/versions/2")).Str("contentHash").ShouldBe(northVersion.Str("contentHash"));

        // New audits in each council take that council's version 2: their actions fall due 14 and 21 days on.
        foreach (var (scenario, dueOn) in new[] { (own, "2026-11-16"), (north, "2026-11-23") })
        {
            var criteria = await scenario.CriterionIdsAsync();
            var audit = (await scenario.PlanRoundAsync()).Single();
            await scenario.Auditor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good", (0, "RequiresImprovement")));
            await scenario.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(criteria, "Good"));
            var graded = await scenario.Psw.GetOkAsync($"/api/audits/{audit}");
            graded["workflow"]!["version"]!.GetValue<int>().ShouldBe(2);
            graded.Arr("actions").Single()!.Str("dueOn").ShouldBe(dueOn);
        }
    }

    [Fact]
    public async Task TheListGivesTheTotalAndAVersionGivesItsDiagramWhetherItIsNewestAndWhenItWasPublished()
    {
        using var factory = _data.Instance();
        var psw = new Scenario(factory).Psw;
        await psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/workflows", Version2());

        var list = await psw.GetAsync("/api/workflows");
        list.Headers.GetValues("X-Total-Count").Single().ShouldBe("2");
        var first = await psw.GetOkAsync("/api/workflows/case-file-audit/versions/1");
        var second = await psw.GetOkAsync("/api/workflows/case-file-audit/versions/2");
        var svg = await psw.GetAsync("/api/workflows/case-file-audit/versions/2/diagram.svg");

        first["latest"]!.GetValue<bool>().ShouldBeFalse();
        second["latest"]!.GetValue<bool>().ShouldBeTrue();
        second["publishedAt"]!.GetValue<DateTimeOffset>().ShouldBe(factory.Clock.GetUtcNow());
        second.Str("svg").ShouldStartWith("<svg ");
        second.Arr("transitions").Count.ShouldBe(11);
        second.Arr("states")[0]!.Arr("timers")[0]!.Str("when").ShouldBe("5 days before the round is due");
        svg.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        (await svg.Content.ReadAsStringAsync()).ShouldBe(second.Str("svg"));
        (await psw.GetAsync("/api/workflows/case-file-audit/versions/9")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APublishedVersionSurvivesARestartWithoutItsFile()
    {
        using (var first = _data.Instance())
        {
            await new Scenario(first).Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/workflows", Version2());
        }

        using var second = _data.Instance();
        var listed = await new Scenario(second).Psw.GetOkAsync("/api/workflows");

        listed.AsArray().Select(w => w!["version"]!.GetValue<int>()).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task RefusesAnInvalidDefinitionWithTheSameMessagesAsAtStartUp()
    {
        using var factory = _data.Instance();
        var broken = Version2();
        broken["transitions"]![0]!["to"] = "Moderaton";

        var problem = await new Scenario(factory).Psw.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Post, "/api/workflows", broken);

        var error = problem.Arr("errors").Single()!;
        error.Str("path").ShouldBe("$.transitions[0].to");
        error.Str("problem").ShouldContain("unknown state 'Moderaton'");
    }

    [Fact]
    public async Task RefusesToChangeAPublishedVersion()
    {
        using var factory = _data.Instance();
        var psw = new Scenario(factory).Psw;
        var again = Version2();
        again["version"] = 1;

        var problem = await psw.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/api/workflows", again);

        problem.Str("detail").ShouldContain("version 2");
        (await factory.ClientFor(DemoUsers.Auditor).PostAsync("/api/workflows", Version2())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AVersionPublishedOnOneInstanceRunsOnAnotherSharingTheDatabase()
    {
        using var one = _data.Instance();
        var first = new Scenario(one);
        var criteria = await first.CriterionIdsAsync();
        using var two = _data.Instance();
        var second = new Scenario(two);
        await second.Psw.GetOkAsync("/api/workflows");

        await first.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/workflows", Version2());
        var auditId = (await second.PlanRoundAsync()).Single();

        (await second.Psw.GetOkAsync($"/api/audits/{auditId}"))["workflow"]!["version"]!.GetValue<int>().ShouldBe(2);
        await second.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        var done = await second.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        done.Str("state").ShouldBe("Completed");
    }
}
