using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

/// <summary>POST /api/rounds/preview: the plan a round's body would open, worked out by the same opener and saved nowhere.</summary>
public sealed class RoundPreviewTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public RoundPreviewTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private static JsonObject Body(Guid templateId, int? seed = null, int perTeam = 2, int months = 0, bool everyArea = false) => new()
    {
        ["name"] = "Spring voice audit",
        ["templateId"] = templateId.ToString(),
        ["dueOn"] = "2026-12-18",
        ["sample"] = new JsonObject
        {
            ["perTeam"] = perTeam,
            ["serviceAreas"] = everyArea ? null : new JsonArray("ChildProtection", "EarlyHelp"),
            ["excludeAuditedWithinMonths"] = months,
            ["seed"] = seed,
        },
        ["auditors"] = new JsonArray(DemoUsers.Auditor, DemoUsers.OtherAuditor),
        ["youngAssessors"] = new JsonArray(DemoUsers.YoungAssessor, DemoUsers.OtherYoungAssessor),
    };

    /// <summary>Every table's row count, read straight from the database file.</summary>
    private Task<Dictionary<string, long>> CountEveryTableAsync() => _factory.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = TestDatabase.ListTablesSql;
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        return counts;
    });

    private static List<string> CaseFileIds(JsonNode preview) => preview.Arr("caseFiles").Select(c => c.Str("id")).ToList();

    private static List<string> Assignments(JsonNode preview) =>
        preview.Arr("assignments").Select(a => $"{a.Str("caseFileId")}:{a.Str("auditor")}:{a!["youngAssessor"]?.GetValue<string>()}").Order().ToList();

    [Fact]
    public async Task APreviewWritesNothingAtAll()
    {
        var template = await _scenario.DudleyTemplateAsync();
        await _scenario.PlanRoundAsync(count: 2);
        var before = await CountEveryTableAsync();
        before.Count.ShouldBeGreaterThan(10);

        var preview = await _scenario.Psw.PostOkAsync("/api/rounds/preview", Body(template.Id(), months: 6));

        preview.Arr("caseFiles").Count.ShouldBeGreaterThan(0);
        (await CountEveryTableAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task PreviewAnswersTheSampleSkippedCountsAssignmentsTeamsAndASeed()
    {
        var template = await _scenario.DudleyTemplateAsync();
        await _scenario.PlanRoundAsync(count: 2);

        var scoped = await _scenario.Psw.PostOkAsync("/api/rounds/preview", Body(template.Id(), months: 6));
        var preview = await _scenario.Psw.PostOkAsync("/api/rounds/preview", Body(template.Id(), months: 6, everyArea: true));

        scoped.Arr("teams").Select(t => t.Str("serviceArea")).Distinct().ShouldBe(["ChildProtection", "EarlyHelp"], ignoreOrder: true);
        var seed = preview["seed"]!.GetValue<int>();
        seed.ShouldBeGreaterThanOrEqualTo(0);
        var teams = preview.Arr("teams");
        teams.Sum(t => t!["taken"]!.GetValue<int>()).ShouldBe(preview.Arr("caseFiles").Count);
        teams.ShouldAllBe(t => t!["taken"]!.GetValue<int>() <= 2);
        preview["skippedRecentlyAudited"]!.GetValue<int>().ShouldBe(teams.Sum(t => t!["skippedRecentlyAudited"]!.GetValue<int>()));
        preview["skippedRecentlyAudited"]!.GetValue<int>().ShouldBe(2, "the two case files audited in the first round are skipped");
        preview.Arr("caseFiles").ShouldAllBe(c => c!["reference"] != null && c!["teamName"] != null);
        preview.Arr("assignments").Select(a => a.Str("caseFileId")).Order().ShouldBe(CaseFileIds(preview).Order());
        preview.Arr("assignments").ShouldAllBe(a => a!["youngAssessor"] != null);
        preview.Str("templateName").ShouldBe(template.Str("name"));
    }

    [Fact]
    public async Task OpeningWithThePreviewsSeedSavesTheSameCaseFilesAndGraders()
    {
        var template = await _scenario.DudleyTemplateAsync();
        var preview = await _scenario.Psw.PostOkAsync("/api/rounds/preview", Body(template.Id()));
        var seed = preview["seed"]!.GetValue<int>();
        var again = await _scenario.Psw.PostOkAsync("/api/rounds/preview", Body(template.Id(), seed));
        CaseFileIds(again).ShouldBe(CaseFileIds(preview));

        var planned = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", Body(template.Id(), seed));

        planned["seed"]!.GetValue<int>().ShouldBe(seed);
        var round = await _scenario.Psw.GetOkAsync($"/api/rounds/{planned.Id()}");
        round.Arr("audits").Select(a => a.Str("caseFileId")).Order().ShouldBe(CaseFileIds(preview).Order());
        var saved = new List<string>();
        foreach (var auditId in planned.Arr("auditIds").Select(a => a!.GetValue<string>()))
        {
            var audit = await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}");
            var graders = audit.Arr("assignments").ToDictionary(a => a.Str("role"), a => a.Str("userName"));
            saved.Add($"{audit!["caseFile"]!.Str("id")}:{graders["Auditor"]}:{graders["YoungAssessor"]}");
        }

        saved.Order().ShouldBe(Assignments(preview));
    }

    [Fact]
    public async Task ARetiredTemplateIsRefusedAsOpeningWouldRefuseIt()
    {
        var template = await _scenario.DudleyTemplateAsync();
        await _scenario.Psw.PostOkAsync($"/api/templates/{template.Id()}/retire", new { });

        var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/rounds/preview", Body(template.Id()));
        var opened = await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/rounds", Body(template.Id()));

        problem["errors"]!["templateId"]![0]!.GetValue<string>().ShouldContain("retired");
        opened["errors"]!["templateId"]![0]!.GetValue<string>().ShouldContain("retired");
    }

    [Fact]
    public async Task TheNewestVersionOfTheTemplateIsUsedWhicheverVersionIsNamed()
    {
        var first = await _scenario.DudleyTemplateAsync();
        var second = await _scenario.Psw.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/templates/{first.Id()}", new
        {
            name = "Voice of the child, second edition",
            criteria = new[] { new { title = "I am listened to.", guidance = "Look for the child's words.", plainWords = "Did they listen to you?" } },
            target = new { atLeast = "Good", percent = 70 },
            graders = new[] { "Auditor", "YoungAssessor" },
        });

        var preview = await _scenario.Psw.PostOkAsync("/api/rounds/preview", Body(first.Id(), seed: 3));
        var planned = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", Body(first.Id(), seed: 3));

        preview.Id("templateId").ShouldBe(second.Id());
        preview["templateVersion"]!.GetValue<int>().ShouldBe(2);
        (await _scenario.Psw.GetOkAsync($"/api/rounds/{planned.Id()}")).Id("templateId").ShouldBe(second.Id());
    }

    [Fact]
    public async Task AFaultyBodyIsRefusedWithTheSameProblemDetailsAsOpening()
    {
        var template = await _scenario.DudleyTemplateAsync();
        var body = Body(template.Id());
        body.Remove("name");
        body["sample"]!["perTeam"] = 0;

        var preview = await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/rounds/preview", body);
        var opened = await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/rounds", body);

        preview["errors"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["name", "sample.perTeam"]);
        preview["errors"]!.ToJsonString().ShouldBe(opened["errors"]!.ToJsonString());
    }

    [Fact]
    public async Task AHandPickedPreviewCountsEachTeamAndSkipsNothing()
    {
        var template = await _scenario.DudleyTemplateAsync();
        var caseFiles = await _scenario.CaseFilesAsync(3);

        var preview = await _scenario.Psw.PostOkAsync("/api/rounds/preview", new
        {
            name = "Picked",
            templateId = template.Id(),
            dueOn = "2026-12-18",
            caseFileIds = caseFiles.Select(c => c.Id()),
            auditor = DemoUsers.Auditor,
            youngAssessor = DemoUsers.YoungAssessor,
        });

        CaseFileIds(preview).ShouldBe(caseFiles.Select(c => c.Str("id")));
        preview["seed"].ShouldBeNull();
        preview["skippedRecentlyAudited"]!.GetValue<int>().ShouldBe(0);
        preview.Arr("teams").Sum(t => t!["taken"]!.GetValue<int>()).ShouldBe(3);
    }
}
