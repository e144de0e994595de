using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Infrastructure;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

/// <summary>GET /api/rounds: rounds newest first, a page at a time, each with its progress counted from its audits' states.</summary>
public sealed class RoundProgressTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public RoundProgressTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private async Task<(JsonArray Items, int Total)> ListAsync(string query = "")
    {
        var response = await _scenario.Psw.GetAsync("/api/rounds" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var total = int.Parse(response.Headers.GetValues(PagedExtensions.TotalCountHeader).Single(), CultureInfo.InvariantCulture);
        return ((await Scenario.AsJsonAsync(response)).AsArray(), total);
    }

    private static string Progress(JsonNode round)
    {
        var p = round["progress"]!;
        int N(string name) => p[name]!.GetValue<int>();
        return $"total {N("total")}, graded {N("graded")}, moderation {N("inModeration")}, actions {N("actionsOpen")}, completed {N("completed")}, cancelled {N("cancelled")}, overdue {N("overdue")}";
    }

    [Fact]
    public async Task EachRoundCountsItsAuditsByHowFarTheyHaveGot()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var audits = await _scenario.PlanRoundAsync(count: 5);
        var roundId = (await _scenario.Psw.GetOkAsync($"/api/audits/{audits[0]}")).Id("roundId");

        async Task GradeAsync(Guid audit, object byAuditor, object byYoungAssessor)
        {
            await _scenario.Auditor.PostOkAsync($"/api/audits/{audit}/gradings", byAuditor);
            await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", byYoungAssessor);
        }

        await GradeAsync(audits[0], Scenario.Grading(criteria, "Good"), Scenario.Grading(criteria, "Outstanding"));
        await GradeAsync(audits[1], Scenario.Grading(criteria, "Good", (0, "Inadequate")), Scenario.Grading(criteria, "Good"));
        await GradeAsync(audits[2], Scenario.Grading(criteria, "Good", (2, "RequiresImprovement")), Scenario.Grading(criteria, "Good"));
        await _scenario.Psw.PostOkAsync($"/api/audits/{audits[3]}/cancel", new { reason = "Sampled in error: the case closed before the period." });
        await _scenario.Auditor.PostOkAsync($"/api/audits/{audits[4]}/gradings", Scenario.Grading(criteria, "Good"));

        var (items, total) = await ListAsync();
        total.ShouldBe(1);
        items.Single()!.Id().ShouldBe(roundId);
        Progress(items.Single()!).ShouldBe("total 5, graded 3, moderation 1, actions 1, completed 1, cancelled 1, overdue 0");
        Progress(await _scenario.Psw.GetOkAsync($"/api/rounds/{roundId}")).ShouldBe(Progress(items.Single()!));

        await _scenario.Psw.PostOkAsync($"/api/audits/{audits[1]}/moderation", new
        {
            grades = new[] { new { criterionId = criteria[0], grade = "Good", reason = "The child's words are in the appendix." } },
        });
        Progress((await ListAsync()).Items.Single()!).ShouldBe("total 5, graded 3, moderation 0, actions 1, completed 2, cancelled 1, overdue 0");

        _factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 19, 9, 0, 0, TimeSpan.Zero));
        Progress((await ListAsync()).Items.Single()!).ShouldBe("total 5, graded 3, moderation 0, actions 1, completed 2, cancelled 1, overdue 1");
    }

    [Fact]
    public async Task TheListIsNewestFirstAPageAtATimeWithTheTotalInTheHeader()
    {
        await _scenario.PlanRoundAsync(count: 1);
        _factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await _scenario.PlanRoundAsync(count: 2, skip: 1);
        _factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await _scenario.PlanRoundAsync(count: 3, skip: 3);

        var (first, total) = await ListAsync("?take=2");
        var (second, _) = await ListAsync("?skip=2&take=2");

        total.ShouldBe(3);
        first.Select(r => r!["progress"]!["total"]!.GetValue<int>()).ShouldBe([3, 2]);
        second.Select(r => r!["progress"]!["total"]!.GetValue<int>()).ShouldBe([1]);
        first[0]!.Str("templateName").ShouldStartWith("Voice of the child");
        (await _scenario.Psw.GetAsync("/api/rounds?take=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _scenario.Auditor.GetAsync("/api/rounds")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
