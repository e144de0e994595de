using System.Text;
using Audit.Api.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

/// <summary>Every write endpoint, fed bodies of the wrong shape, answers a problem document and never a 500.</summary>
public sealed class MalformedInputTests : IDisposable
{
    private static readonly string[] Bodies =
    [
        "",
        "not json",
        "[]",
        "\"text\"",
        "42",
        "{",
        """{"name": 5, "grades": "Good", "criteria": {}, "target": [], "graders": [1, "Judge"]}""",
        """{"grades": [{"criterionId": "not-a-guid", "grade": "Excellent"}], "overall": 99}""",
        """{"caseFileIds": ["00000000-0000-0000-0000-000000000000"], "templateId": "00000000-0000-0000-0000-000000000000", "dueOn": "yesterday"}""",
        """{"sample": {"perTeam": -1, "serviceAreas": ["Nowhere"]}, "auditors": [], "schedule": "* * *"}""",
        """{"whatChanged": null, "description": null, "text": null, "userName": null}""",
    ];

    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task NoWriteEndpointAnswersAMalformedBodyWithAFailure()
    {
        var scenario = new Scenario(_factory);
        var auditId = (await scenario.PlanRoundAsync()).Single();
        var writes = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Where(m => m != "GET").Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .ToList();
        writes.Count.ShouldBeGreaterThan(10);

        var failures = new List<string>();
        foreach (var caller in new[] { scenario.Psw, scenario.Auditor })
        {
            foreach (var (method, route) in writes)
            {
                var url = route.Replace("{id:guid}", route.StartsWith("/api/audits", StringComparison.Ordinal) ? auditId.ToString() : Guid.NewGuid().ToString(), StringComparison.Ordinal);
                foreach (var body in Bodies)
                {
                    var response = await caller.SendAsync(new HttpMethod(method), url, new StringContent(body, Encoding.UTF8, "application/json"));
                    var type = response.Content.Headers.ContentType?.MediaType;
                    if ((int)response.StatusCode >= 500 || (!response.IsSuccessStatusCode && type != "application/problem+json"))
                    {
                        failures.Add($"{caller.UserName} {method} {route} <{body}>: {(int)response.StatusCode} {type}");
                    }
                }
            }
        }

        failures.ShouldBeEmpty();
    }
}
