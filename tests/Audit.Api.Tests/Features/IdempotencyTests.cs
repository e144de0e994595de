using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

/// <summary>
/// Every POST takes an Idempotency-Key: a repeat by the same person with the same body gets the first answer without
/// writing again, another body is refused, keys are per person, forgotten after 24 hours and kept in the database.
/// </summary>
public sealed class IdempotencyTests : IDisposable
{
    private readonly SharedDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    private static async Task<string> TokenAsync(AuditApiFactory factory, string userName)
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/dev/token", new { userName });
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    private static async Task<HttpResponseMessage> PostAsync(AuditApiFactory factory, string token, string url, object body, string? key)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    private static async Task<object> RoundBodyAsync(AuditApiFactory factory, string name = "Autumn voice audit")
    {
        var scenario = new Scenario(factory);
        var template = await scenario.DudleyTemplateAsync();
        var caseFile = (await scenario.CaseFilesAsync(1)).Single();
        return new
        {
            name,
            templateId = template.Id(),
            dueOn = "2026-12-18",
            caseFileIds = new[] { caseFile.Id() },
            auditor = DemoUsers.Auditor,
            youngAssessor = DemoUsers.YoungAssessor,
        };
    }

    private static Task<int> RoundsAsync(AuditApiFactory factory) => factory.WithDbAsync(db => db.Rounds.CountAsync());

    [Fact]
    public async Task ARepeatWithTheSameKeyAndBodyGetsTheFirstAnswerAndWritesOnce()
    {
        using var factory = _data.Instance();
        var token = await TokenAsync(factory, DemoUsers.Psw);
        var body = await RoundBodyAsync(factory);

        using var first = await PostAsync(factory, token, "/api/rounds", body, "round-2026-autumn");
        using var repeat = await PostAsync(factory, token, "/api/rounds", body, "round-2026-autumn");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        repeat.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await repeat.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        repeat.Headers.Location.ShouldBe(first.Headers.Location);
        repeat.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        repeat.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await RoundsAsync(factory)).ShouldBe(1);
        (await factory.WithDbAsync(db => db.ChangeRecords.CountAsync(c => c.Entity == "Round"))).ShouldBe(1);

        // Without a key, the same POST is a new request.
        (await PostAsync(factory, token, "/api/rounds", body, key: null)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await RoundsAsync(factory)).ShouldBe(2);
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBodyIsRefused()
    {
        using var factory = _data.Instance();
        var token = await TokenAsync(factory, DemoUsers.Psw);
        (await PostAsync(factory, token, "/api/rounds", await RoundBodyAsync(factory), "k-1")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var other = await PostAsync(factory, token, "/api/rounds", await RoundBodyAsync(factory, "Another name"), "k-1");

        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        other.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Scenario.AsJsonAsync(other)).Str("title").ShouldBe("This Idempotency-Key was used for another request.");
        (await RoundsAsync(factory)).ShouldBe(1);
    }

    [Fact]
    public async Task AKeyIsForgottenAfterTwentyFourHours()
    {
        using var factory = _data.Instance();
        var token = await TokenAsync(factory, DemoUsers.Psw);
        var body = await RoundBodyAsync(factory);
        (await PostAsync(factory, token, "/api/rounds", body, "daily")).StatusCode.ShouldBe(HttpStatusCode.Created);

        factory.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        (await PostAsync(factory, token, "/api/rounds", body, "daily")).Headers.Contains("Idempotent-Replayed").ShouldBeTrue();
        (await RoundsAsync(factory)).ShouldBe(1);

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using var later = await PostAsync(factory, token, "/api/rounds", body, "daily");
        later.StatusCode.ShouldBe(HttpStatusCode.Created);
        later.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await RoundsAsync(factory)).ShouldBe(2);
        (await factory.WithDbAsync(db => db.IdempotencyKeys.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task TheSameKeyFromAnotherPersonIsTheirOwn()
    {
        using var factory = _data.Instance();
        var auditId = (await new Scenario(factory).PlanRoundAsync()).Single();
        var concern = new { description = "The record says the child is scared to go home." };
        var auditor = await TokenAsync(factory, DemoUsers.Auditor);
        var youngAssessor = await TokenAsync(factory, DemoUsers.YoungAssessor);

        (await PostAsync(factory, auditor, $"/api/audits/{auditId}/concerns", concern, "concern-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(factory, youngAssessor, $"/api/audits/{auditId}/concerns", concern, "concern-1")).Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await PostAsync(factory, auditor, $"/api/audits/{auditId}/concerns", concern, "concern-1")).Headers.Contains("Idempotent-Replayed").ShouldBeTrue();

        (await factory.WithDbAsync(db => db.Audits.SelectMany(a => a.Concerns).Select(c => c.RaisedBy).ToListAsync()))
            .ShouldBe([DemoUsers.Auditor, DemoUsers.YoungAssessor], ignoreOrder: true);
    }

    [Fact]
    public async Task KeysHoldAcrossARestart()
    {
        string token;
        object body;
        string firstAnswer;
        using (var before = _data.Instance())
        {
            token = await TokenAsync(before, DemoUsers.Psw);
            body = await RoundBodyAsync(before);
            using var first = await PostAsync(before, token, "/api/rounds", body, "survives");
            first.StatusCode.ShouldBe(HttpStatusCode.Created);
            firstAnswer = await first.Content.ReadAsStringAsync();
        }

        using var after = _data.Instance();
        using var repeat = await PostAsync(after, token, "/api/rounds", body, "survives");

        repeat.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await repeat.Content.ReadAsStringAsync()).ShouldBe(firstAnswer);
        (await RoundsAsync(after)).ShouldBe(1);
    }

    [Fact]
    public async Task ConcurrentDuplicatesDoNotBothWrite()
    {
        using var factory = _data.Instance();
        var token = await TokenAsync(factory, DemoUsers.Psw);
        var body = await RoundBodyAsync(factory);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(factory, token, "/api/rounds", body, "at-once")));

        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.Conflict);
        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        created.ShouldNotBeEmpty();
        (await Task.WhenAll(created.Select(a => a.Content.ReadAsStringAsync()))).Distinct().Count().ShouldBe(1);
        (await RoundsAsync(factory)).ShouldBe(1);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task TheOpenApiDocumentOffersTheHeaderOnEveryPostThatNeedsAToken()
    {
        using var factory = _data.Instance();
        using var client = factory.CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var posts = document["paths"]!.AsObject()
            .Where(p => p.Value!["post"] is not null)
            .Select(p => (Path: p.Key, Parameters: p.Value!["post"]!["parameters"]?.AsArray().Select(x => x!["name"]!.GetValue<string>()).ToList() ?? []))
            .ToList();
        posts.Count.ShouldBeGreaterThan(10);
        posts.Where(p => !p.Path.StartsWith("/api/dev/", StringComparison.Ordinal)).ShouldAllBe(p => p.Parameters.Contains("Idempotency-Key"));
        posts.Where(p => p.Path.StartsWith("/api/dev/", StringComparison.Ordinal)).ShouldAllBe(p => !p.Parameters.Contains("Idempotency-Key"));
    }
}
