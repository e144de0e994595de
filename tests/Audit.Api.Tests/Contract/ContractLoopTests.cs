using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Contract;

/// <summary>
/// Real answers of the whole audit loop, and of each refusal, validated with a JSON Schema validator against the
/// schema /openapi/v1.json gives for that operation and status: what a generated client would read.
/// </summary>
public sealed class ContractLoopTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task EveryAnswerOfTheAuditLoopMatchesTheDocument()
    {
        var contract = await ApiContract.FetchAsync(_factory.CreateClient());
        var scenario = new Scenario(_factory);
        var psw = scenario.Psw;

        var templates = await contract.CheckAsync(await Ok(psw.GetAsync("/api/templates")), "GET", "/api/templates");
        var template = templates!.AsArray().First(t => t.Str("name").StartsWith("Voice of the child", StringComparison.Ordinal))!;
        var criteria = template.Arr("criteria").Select(c => c.Id()).ToList();
        await contract.CheckAsync(await Ok(psw.GetAsync($"/api/templates/{template.Id()}")), "GET", "/api/templates/{id}");
        var caseFiles = (await contract.CheckAsync(await Ok(psw.GetAsync("/api/case-files")), "GET", "/api/case-files"))!.AsArray();

        // Round planned (the README's body).
        var roundBody = new
        {
            name = "Autumn voice audit",
            templateId = template.Id(),
            dueOn = "2026-12-18",
            caseFileIds = caseFiles.Take(2).Select(c => c.Id()).ToList(),
            auditor = DemoUsers.Auditor,
            youngAssessor = DemoUsers.YoungAssessor,
        };
        contract.CheckRequest("POST", "/api/rounds", roundBody);
        var planned = await contract.CheckAsync(await Status(HttpStatusCode.Created, psw.PostAsync("/api/rounds", roundBody)), "POST", "/api/rounds");
        var audits = planned.Arr("auditIds").Select(a => Guid.Parse(a!.GetValue<string>())).ToList();
        await contract.CheckAsync(await Ok(psw.GetAsync($"/api/rounds/{planned.Id()}")), "GET", "/api/rounds/{id}");
        await contract.CheckAsync(await Ok(psw.GetAsync("/api/rounds")), "GET", "/api/rounds");

        // Gradings: the first audit goes to actions, the second (an Inadequate grade) to moderation.
        await contract.CheckAsync(await Ok(scenario.Auditor.GetAsync($"/api/audits/{audits[0]}")), "GET", "/api/audits/{id}");
        await contract.CheckAsync(await Ok(scenario.Auditor.GetAsync($"/api/audits/{audits[0]}/young-assessor-preview")), "GET", "/api/audits/{id}/young-assessor-preview");
        var auditorGrading = Scenario.Grading(criteria, "Good", (2, "RequiresImprovement"));
        contract.CheckRequest("POST", "/api/audits/{id}/gradings", auditorGrading);
        await contract.CheckAsync(await Ok(scenario.Auditor.PostAsync($"/api/audits/{audits[0]}/gradings", auditorGrading)), "POST", "/api/audits/{id}/gradings");
        await contract.CheckAsync(await Ok(scenario.YoungAssessor.GetAsync($"/api/audits/{audits[0]}")), "GET", "/api/audits/{id}");
        var review = await contract.CheckAsync(await Ok(scenario.YoungAssessor.GetAsync($"/api/reviews/{audits[0]}")), "GET", "/api/reviews/{id}");
        review!["myGrading"].ShouldBeNull();
        var byYoungAssessor = await contract.CheckAsync(
            await Ok(scenario.YoungAssessor.PostAsync($"/api/reviews/{audits[0]}/gradings", Scenario.Grading(criteria, "Good"))), "POST", "/api/reviews/{id}/gradings");
        byYoungAssessor!["caseFile"]!.AsObject().ContainsKey("reference").ShouldBeFalse("a young assessor's answer leaves the reference out");
        byYoungAssessor["myGrading"]!["grades"]!.AsArray().Count.ShouldBe(criteria.Count);
        var ownView = await contract.CheckAsync(await Ok(scenario.YoungAssessor.GetAsync($"/api/audits/{audits[0]}")), "GET", "/api/audits/{id}");
        ownView!["caseFile"]!.AsObject().ContainsKey("worker").ShouldBeFalse();
        await contract.CheckAsync(await Ok(scenario.YoungAssessor.GetAsync("/api/audits?mine=true")), "GET", "/api/audits");

        await Ok(scenario.Auditor.PostAsync($"/api/audits/{audits[1]}/gradings", Scenario.Grading(criteria, "Good", (0, "Inadequate"))));
        await Ok(scenario.YoungAssessor.PostAsync($"/api/audits/{audits[1]}/gradings", Scenario.Grading(criteria, "Good")));

        // Moderation.
        await contract.CheckAsync(await Ok(psw.GetAsync("/api/moderation")), "GET", "/api/moderation");
        await contract.CheckAsync(await Ok(psw.GetAsync($"/api/moderation/{audits[1]}")), "GET", "/api/moderation/{id}");
        var moderation = new { grades = new[] { new { criterionId = criteria[0], grade = "Good", reason = "The review record shows the child's words." } } };
        contract.CheckRequest("POST", "/api/audits/{id}/moderation", moderation);
        await contract.CheckAsync(await Ok(psw.PostAsync($"/api/audits/{audits[1]}/moderation", moderation)), "POST", "/api/audits/{id}/moderation");

        // Actions closed.
        var audit = await contract.CheckAsync(await Ok(psw.GetAsync($"/api/audits/{audits[0]}")), "GET", "/api/audits/{id}");
        var action = audit.Arr("actions")[0]!;
        var teamManager = _factory.ClientFor(action.Str("assignee"));
        await contract.CheckAsync(await Ok(teamManager.GetAsync("/api/actions?mine=true")), "GET", "/api/actions");
        await contract.CheckAsync(await Ok(teamManager.GetAsync($"/api/actions/{action.Id()}")), "GET", "/api/actions/{id}");
        var close = new { whatChanged = "The child now chairs part of their review, as they asked." };
        contract.CheckRequest("POST", "/api/actions/{id}/close", close);
        await contract.CheckAsync(await Ok(teamManager.PostAsync($"/api/actions/{action.Id()}/close", close)), "POST", "/api/actions/{id}/close");
        await contract.CheckAsync(await Ok(psw.GetAsync("/api/actions/by-team")), "GET", "/api/actions/by-team");

        // Dashboard and lists.
        await contract.CheckAsync(await Ok(psw.GetAsync($"/api/dashboard?templateId={template.Id()}")), "GET", "/api/dashboard");
        await contract.CheckAsync(await Ok(psw.GetAsync($"/api/dashboard/teams?templateId={template.Id()}")), "GET", "/api/dashboard/teams");
        await contract.CheckAsync(await Ok(psw.GetAsync("/api/audits")), "GET", "/api/audits");
        await contract.CheckAsync(await Ok(psw.GetAsync($"/api/audits/{audits[0]}/history/verify")), "GET", "/api/audits/{id}/history/verify");
        await contract.CheckAsync(await Ok(psw.GetAsync("/api/teams")), "GET", "/api/teams");
        await contract.CheckAsync(await Ok(psw.GetAsync("/api/workflows")), "GET", "/api/workflows");

        // Refusals: 400, 403, 404, 409, 415, 422.
        await contract.CheckAsync(await Status(HttpStatusCode.BadRequest, psw.PostAsync("/api/rounds", new { name = "" })), "POST", "/api/rounds");
        await contract.CheckAsync(await Status(HttpStatusCode.BadRequest, _factory.CreateClient().PostAsync("/api/dev/token", JsonBody("""{"userName":"nobody"}"""))), "POST", "/api/dev/token");
        await contract.CheckAsync(
            await Status(HttpStatusCode.Forbidden, scenario.YoungAssessor.GetAsync($"/api/audits/{audits[0]}/young-assessor-preview")), "GET", "/api/audits/{id}/young-assessor-preview");
        await contract.CheckAsync(await Status(HttpStatusCode.NotFound, psw.GetAsync($"/api/audits/{Guid.NewGuid()}")), "GET", "/api/audits/{id}");
        await contract.CheckAsync(
            await Status(HttpStatusCode.Conflict, scenario.Auditor.PostAsync($"/api/audits/{audits[1]}/gradings", Scenario.Grading(criteria, "Good"))), "POST", "/api/audits/{id}/gradings");
        await contract.CheckAsync(
            await Status(HttpStatusCode.UnsupportedMediaType, psw.SendAsync(HttpMethod.Post, "/api/rounds", new StringContent("name=x", Encoding.UTF8, "text/plain"))), "POST", "/api/rounds");
        var invalidDefinition = await contract.CheckAsync(
            await Status(HttpStatusCode.UnprocessableEntity, psw.SendAsync(HttpMethod.Post, "/api/workflows", JsonBody("{}"))), "POST", "/api/workflows");
        invalidDefinition.Arr("errors").ShouldNotBeEmpty();
        var rejectedImport = await contract.CheckAsync(
            await Status(HttpStatusCode.UnprocessableEntity, psw.SendAsync(HttpMethod.Post, "/api/case-files/import", new StringContent("not,a,header\n", Encoding.UTF8, "text/csv"))),
            "POST",
            "/api/case-files/import");
        rejectedImport.Arr("faults").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task TooLargeAndTooManyAnswerAsTheDocumentSays()
    {
        using var factory = new AuditApiFactory(settings: new Dictionary<string, string?> { ["Limits:MaxRequestBodyBytes"] = "1000", ["Limits:WritesPerMinute"] = "1" });
        var contract = await ApiContract.FetchAsync(factory.CreateClient());
        var psw = factory.ClientFor(DemoUsers.Psw);
        await psw.GetAsync("/api/templates");

        await contract.CheckAsync(
            await Status(HttpStatusCode.RequestEntityTooLarge, psw.PostAsync("/api/templates", new { name = new string('x', 2000) })), "POST", "/api/templates");
        await Status(HttpStatusCode.BadRequest, psw.PostAsync("/api/templates", new { name = "" }));
        var tooMany = await Status(HttpStatusCode.TooManyRequests, psw.PostAsync("/api/templates", new { name = "" }));
        await contract.CheckAsync(tooMany, "POST", "/api/templates");
    }

    [Fact]
    public async Task EveryOperationThatAsksForATokenAnswersARequestWithoutOne401AsTheDocumentSays()
    {
        var contract = await ApiContract.FetchAsync(_factory.CreateClient());
        var anonymous = _factory.CreateClient();
        var asked = 0;
        foreach (var (method, route, operation) in contract.Operations())
        {
            if (operation["security"] is JsonArray { Count: 0 })
            {
                continue;
            }

            operation["responses"]!.AsObject().ContainsKey("401").ShouldBeTrue($"{method} {route} does not document 401");
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), Fill(route, operation));
            if (operation["requestBody"]?["content"] is JsonObject content)
            {
                var mediaType = content.First().Key;
                request.Content = new StringContent(mediaType == "application/json" ? "{}" : "", Encoding.UTF8, mediaType);
            }

            var response = await anonymous.SendAsync(request, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {route} with no token");
            response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer", customMessage: $"{method} {route}");
            var problem = await contract.CheckAsync(response, method, route);
            problem!["status"]!.GetValue<int>().ShouldBe(401, $"{method} {route}");
            asked++;
        }

        asked.ShouldBeGreaterThan(60);
    }

    /// <summary>The route with each path parameter given a value of its documented type.</summary>
    private static string Fill(string route, JsonObject operation)
    {
        foreach (var parameter in (operation["parameters"] as JsonArray ?? []).Where(p => p!["in"]!.GetValue<string>() == "path"))
        {
            var schema = parameter!["schema"]!;
            var value = schema["type"]?.ToJsonString().Contains("integer", StringComparison.Ordinal) == true ? "1"
                : schema["format"]?.GetValue<string>() == "uuid" ? Guid.NewGuid().ToString()
                : "case-file-audit";
            route = route.Replace("{" + parameter["name"]!.GetValue<string>() + "}", value, StringComparison.Ordinal);
        }

        return route;
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static Task<HttpResponseMessage> Ok(Task<HttpResponseMessage> response) => Status(HttpStatusCode.OK, response);

    private static async Task<HttpResponseMessage> Status(HttpStatusCode status, Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        return response;
    }
}
