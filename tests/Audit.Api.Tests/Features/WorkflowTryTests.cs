using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

/// <summary>
/// Trying a draft before publishing it: every route through workflows/case-file-audit.json, taken by one scenario or
/// another, with what each step raises; nothing written.
/// </summary>
public sealed class WorkflowTryTests : IDisposable
{
    private const string Try = "/api/workflows/try";

    private static readonly JsonNode CaseFileAudit =
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.WorkflowsFolder(), "case-file-audit.json")))!;

    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>Six criteria, each graded as given, the rest Good; overall the lowest.</summary>
    private static JsonObject Grading(string role, params string[] grades)
    {
        var all = grades.Concat(Enumerable.Repeat("Good", 6 - grades.Length)).ToList();
        var byPosition = new JsonObject();
        for (var i = 0; i < all.Count; i++)
        {
            byPosition[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = all[i];
        }

        return new JsonObject { ["role"] = role, ["grades"] = byPosition, ["overall"] = all.Contains("Inadequate") ? "Inadequate" : "Good" };
    }

    private static JsonObject Body(JsonNode scenario, JsonNode? definition = null) =>
        new JsonObject { ["definition"] = (definition ?? CaseFileAudit).DeepClone(), ["scenario"] = scenario };

    /// <summary>Each scenario and the path it must take, as "from-trigger->to" steps after the start.</summary>
    private static IEnumerable<(string Name, JsonObject Scenario, string[] Path)> Scenarios()
    {
        yield return ("both graders at or above target", new JsonObject
        {
            ["gradings"] = new JsonArray(Grading("Auditor"), Grading("YoungAssessor", "Outstanding")),
        }, ["Grading-submitGrading->Grading", "Grading-submitGrading->Completed"]);

        yield return ("an Inadequate grade moderated to Requires improvement, two actions closed one by one", new JsonObject
        {
            ["gradings"] = new JsonArray(Grading("Auditor", "Inadequate", "RequiresImprovement"), Grading("YoungAssessor", "Good", "Good")),
            ["moderation"] = new JsonObject { ["grades"] = new JsonObject { ["0"] = "RequiresImprovement" } },
        }, ["Grading-submitGrading->Grading", "Grading-submitGrading->Moderation", "Moderation-moderate->ActionsOpen",
            "ActionsOpen-closeAction->ActionsOpen", "ActionsOpen-closeAction->Completed"]);

        yield return ("an Inadequate grade moderated to Good", new JsonObject
        {
            ["gradings"] = new JsonArray(Grading("Auditor", "Inadequate")),
            ["moderation"] = new JsonObject { ["grades"] = new JsonObject { ["0"] = "Good" } },
        }, ["Grading-submitGrading->Moderation", "Moderation-moderate->Completed"]);

        yield return ("a grade below target whose action is left open", new JsonObject
        {
            ["gradings"] = new JsonArray(Grading("Auditor", "RequiresImprovement"), Grading("YoungAssessor", "RequiresImprovement")),
            ["closeActions"] = 0,
        }, ["Grading-submitGrading->Grading", "Grading-submitGrading->ActionsOpen",
            "ActionsOpen-timer:escalateOverdue->ActionsOpen", "ActionsOpen-timer:escalateAgain->ActionsOpen"]);

        yield return ("no grading submitted", new JsonObject { ["gradings"] = new JsonArray() },
            ["Grading-timer:remindGraders->Grading"]);

        yield return ("cancelled while grading", new JsonObject { ["gradings"] = new JsonArray(Grading("Auditor")), ["cancelIn"] = "Grading" },
            ["Grading-cancel->Cancelled"]);

        yield return ("cancelled in moderation", new JsonObject { ["gradings"] = new JsonArray(Grading("Auditor", "Inadequate")), ["cancelIn"] = "Moderation" },
            ["Grading-submitGrading->Moderation", "Moderation-cancel->Cancelled"]);

        yield return ("cancelled with actions open", new JsonObject { ["gradings"] = new JsonArray(Grading("Auditor", "RequiresImprovement")), ["cancelIn"] = "ActionsOpen" },
            ["Grading-submitGrading->ActionsOpen", "ActionsOpen-cancel->Cancelled"]);
    }

    private static string Step(JsonNode? step) => $"{step.Str("from")}-{step.Str("trigger")}->{step.Str("to")}";

    [Fact]
    public async Task EveryTransitionAndTimerOfTheCaseFileAuditIsTakenAndNothingIsWritten()
    {
        var psw = new Scenario(_factory).Psw;
        await psw.GetOkAsync("/api/workflows");
        var before = await RowCountsAsync();

        var taken = new List<string>();
        foreach (var (name, scenario, path) in Scenarios())
        {
            var answer = await psw.PostOkAsync(Try, Body(scenario));
            var steps = answer.Arr("steps");
            steps[0].Str("trigger").ShouldBe("start", name);
            steps.Skip(1).Select(Step).ShouldBe(path, name);
            answer.Str("finalState").ShouldBe(steps[^1].Str("to"), name);
            taken.AddRange(steps.Skip(1).Select(Step));
        }

        var transitions = CaseFileAudit["transitions"]!.AsArray()
            .Select(t => $"{t.Str("from")}-{t.Str("trigger")}->{t.Str("to")}");
        transitions.Where(t => !taken.Contains(t)).ShouldBeEmpty("every transition of case-file-audit.json is taken by a scenario");
        var timers = CaseFileAudit["states"]!.AsArray()
            .SelectMany(s => (s!["timers"]?.AsArray() ?? []).Select(t => $"{s.Str("name")}-timer:{t.Str("name")}->{s.Str("name")}"));
        timers.Where(t => !taken.Contains(t)).ShouldBeEmpty("every timer of case-file-audit.json fires in a scenario");

        (await RowCountsAsync()).ShouldBe(before, "trying a workflow writes nothing");
    }

    [Fact]
    public async Task EachStepSaysWhatItRaisesAndWhen()
    {
        var psw = new Scenario(_factory).Psw;
        var scenario = new JsonObject
        {
            ["gradings"] = new JsonArray(Grading("Auditor", "RequiresImprovement"), Grading("YoungAssessor", "Good")),
            ["closeActions"] = 0,
            ["roundDueInDays"] = 20,
        };

        var steps = (await psw.PostOkAsync(Try, Body(scenario))).Arr("steps");

        var start = steps[0]!;
        start["timers"]![0]!.Str("name").ShouldBe("remindGraders");
        start["timers"]![0]!["day"]!.GetValue<int>().ShouldBe(15);
        var raised = steps[2]!;
        raised.Str("guards").ShouldBe("allGradingsIn, anyBelowTarget");
        raised["actions"]!.AsArray().Select(a => a!.GetValue<string>())
            .ShouldContain("1 follow-up action raised for the team manager (criteria 1), due on day 28.");
        raised["notifications"]![0]!.Str("to").ShouldBe("TeamManager");
        raised["notifications"]![0]!.Str("kind").ShouldBe("ActionRaised");
        raised["timers"]!.AsArray().Select(t => $"{t.Str("name")} day {t!["day"]}").ShouldBe(["escalateOverdue day 29", "escalateAgain day 43"]);
        steps[3]!["notifications"]![0]!.Str("to").ShouldBe("ServiceManager");
    }

    [Fact]
    public async Task AnInvalidDraftIsRefusedWithEveryErrorAndItsJsonPath()
    {
        var psw = new Scenario(_factory).Psw;
        var draft = CaseFileAudit.DeepClone();
        draft["transitions"]![0]!["to"] = "Moderaton";
        draft["states"]![0]!["timers"]![0]!["from"] = "whenever";

        var problem = await psw.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Post, Try,
            Body(new JsonObject { ["gradings"] = new JsonArray(Grading("Auditor")) }, draft));

        var paths = problem.Arr("errors").Select(e => e.Str("path")).ToList();
        paths.ShouldContain("$.transitions[0].to");
        paths.ShouldContain("$.states[0].timers[0].from");
    }

    [Fact]
    public async Task ABadScenarioIsRefusedAsABadRequest()
    {
        var psw = new Scenario(_factory).Psw;

        await psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Try,
            Body(new JsonObject { ["gradings"] = new JsonArray(Grading("Auditor"), Grading("Auditor")) }));
        await psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Try, Body(new JsonObject
        {
            ["gradings"] = new JsonArray(new JsonObject { ["role"] = "Auditor", ["grades"] = new JsonObject { ["0"] = "Good", ["2"] = "Good" }, ["overall"] = "Good" }),
        }));
        await psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Try, new { definition = CaseFileAudit });
    }

    [Fact]
    public async Task OnlyThePrincipalSocialWorkerTriesWorkflows()
    {
        var auditor = new Scenario(_factory).Auditor;

        (await auditor.PostAsync(Try, Body(new JsonObject { ["gradings"] = new JsonArray() }))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>How many rows each table holds, by table.</summary>
    private Task<Dictionary<string, long>> RowCountsAsync() => _factory.WithDbAsync(async db =>
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

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM \"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    });
}
