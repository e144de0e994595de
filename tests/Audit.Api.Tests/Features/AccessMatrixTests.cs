using System.Net;
using Audit.Api.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

/// <summary>
/// Every endpoint the running app exposes, for every role, against the caller's own objects and someone else's.
/// The endpoints come from the app's endpoint data source, so a new endpoint without a row here fails the test.
/// Writes are sent with an empty body: a caller allowed to try gets 400 for the body, one who is not gets 403.
/// </summary>
public sealed class AccessMatrixTests : IDisposable
{
    // Columns: principal social worker, auditor, young assessor, team manager, service manager, practitioner.
    // "200/404" means 200 for the caller's own object and 404 for someone else's.
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["GET /api/dev/users"] = ["200", "200", "200", "200", "200", "200"],
        ["POST /api/dev/token"] = ["400", "400", "400", "400", "400", "400"],
        ["GET /api/workflows/"] = ["200", "200", "403", "200", "200", "403"],
        ["POST /api/workflows/"] = ["422", "403", "403", "403", "403", "403"],
        ["GET /api/workflows/{name}/versions/{version:int}"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/workflows/{name}/versions/{version:int}/diagram.svg"] = ["200", "200", "403", "200", "200", "403"],
        ["POST /api/workflows/try"] = ["400", "403", "403", "403", "403", "403"],
        ["GET /api/teams/"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/staff/"] = ["200", "403", "403", "403", "403", "403"],
        ["GET /api/case-files/"] = ["200", "200", "403", "403", "403", "403"],
        ["GET /api/case-files/{id:guid}/access-log"] = ["200", "403", "403", "403", "403", "403"],
        ["GET /api/case-files/{id:guid}/record"] = ["200", "403", "403", "403", "403", "403"],
        ["POST /api/case-files/import"] = ["422", "403", "403", "403", "403", "403"],
        ["PUT /api/case-files/{id:guid}/extract"] = ["400", "400", "403", "403", "403", "403"],
        ["POST /api/case-files/{id:guid}/extract/clear"] = ["200", "200/403", "403", "403", "403", "403"],
        ["POST /api/evidence/import"] = ["422", "403", "403", "403", "403", "403"],
        ["GET /api/templates/"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/templates/{id:guid}"] = ["200", "200", "403", "200", "200", "403"],
        ["POST /api/templates/"] = ["400", "403", "403", "403", "403", "403"],
        ["GET /api/templates/{id:guid}/versions"] = ["200", "200", "403", "200", "200", "403"],
        ["PUT /api/templates/{id:guid}"] = ["400", "403", "403", "403", "403", "403"],

        // Retiring a retired template changes nothing and answers it again, so the second call (on "other") is 200 too.
        ["POST /api/templates/{id:guid}/retire"] = ["200", "403", "403", "403", "403", "403"],
        ["GET /api/rounds/"] = ["200", "403", "403", "403", "403", "403"],
        ["POST /api/rounds/"] = ["400", "403", "403", "403", "403", "403"],
        ["POST /api/rounds/preview"] = ["400", "403", "403", "403", "403", "403"],
        ["GET /api/round-plans/"] = ["200", "403", "403", "403", "403", "403"],
        ["POST /api/round-plans/"] = ["400", "403", "403", "403", "403", "403"],
        ["POST /api/round-plans/{id:guid}/pause"] = ["200", "403", "403", "403", "403", "403"],
        ["POST /api/round-plans/{id:guid}/resume"] = ["200", "403", "403", "403", "403", "403"],
        ["GET /api/round-plans/{id:guid}"] = ["200", "403", "403", "403", "403", "403"],
        ["PUT /api/round-plans/{id:guid}"] = ["400", "403", "403", "403", "403", "403"],

        // Mapped last of the plan's endpoints: each plan is gone once the PSW has deleted it.
        ["DELETE /api/round-plans/{id:guid}"] = ["204", "403", "403", "403", "403", "403"],
        ["GET /api/rounds/{id:guid}"] = ["200", "403", "403", "403", "403", "403"],
        ["GET /api/audits/"] = ["200", "200", "200", "200", "200", "403"],
        ["GET /api/audits/{id:guid}"] = ["200", "200/404", "200/404", "200/404", "200/404", "403"],
        ["GET /api/audits/{id:guid}/young-assessor-preview"] = ["200", "200/404", "403/404", "403/404", "403/404", "403"],
        ["GET /api/audits/{id:guid}/history/verify"] = ["200", "200/404", "200/404", "200/404", "200/404", "403"],
        ["POST /api/audits/{id:guid}/gradings"] = ["400", "400", "400", "400", "400", "403"],

        // A draft is the caller's own: graders of the audit only. An empty body is a valid (empty) draft, so the answers
        // show the rules: both graders have submitted on their own audit (409), the others see it but do not grade it (403).
        ["GET /api/audits/{id:guid}/draft"] = ["403", "200/404", "200/404", "403/404", "403/404", "403"],
        ["PUT /api/audits/{id:guid}/draft"] = ["403", "409/404", "409/404", "403/404", "403/404", "403"],
        ["POST /api/audits/{id:guid}/moderation"] = ["400", "400", "400", "400", "400", "403"],
        ["POST /api/audits/{id:guid}/concerns"] = ["400", "400", "400", "400", "400", "403"],
        ["GET /api/moderation/"] = ["200", "403", "403", "403", "403", "403"],
        ["GET /api/moderation/{id:guid}"] = ["200", "403", "403", "403", "403", "403"],
        ["GET /api/notifications/"] = ["200", "200", "200", "200", "200", "200"],
        ["GET /api/notifications/unread-count"] = ["200", "200", "200", "200", "200", "200"],
        ["POST /api/notifications/{id:guid}/read"] = ["404", "404", "404", "404", "404", "404"],
        ["GET /api/notifications/parked"] = ["200", "403", "403", "403", "403", "403"],
        ["POST /api/notifications/parked/{id:long}/requeue"] = ["404", "403", "403", "403", "403", "403"],
        ["POST /api/audits/{id:guid}/cancel"] = ["400", "400", "400", "400", "400", "403"],
        ["GET /api/reviews/{id:guid}"] = ["403", "403", "200/404", "403", "403", "403"],
        ["POST /api/reviews/{id:guid}/gradings"] = ["403", "403", "400", "403", "403", "403"],
        ["GET /api/actions/"] = ["200", "403", "403", "200", "200", "403"],
        ["GET /api/actions/by-team"] = ["200", "403", "403", "200", "200", "403"],
        ["GET /api/actions/{id:guid}"] = ["200", "403", "403", "200/404", "200/404", "403"],
        ["POST /api/actions/{id:guid}/close"] = ["400", "403", "403", "400", "400", "403"],
        ["GET /api/reports/three-views"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/reports/you-said-we-did"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/dashboard/"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/dashboard/teams"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/dashboard/trend"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/practice/audits/"] = ["403", "403", "403", "403", "403", "200"],
        ["GET /api/practice/audits/{id:guid}"] = ["403", "403", "403", "403", "403", "200/404"],
        ["PUT /api/practice/audits/{id:guid}/reflections/{criterionId:guid}"] = ["403", "403", "403", "403", "403", "400"],
        ["GET /api/reports/agreement/"] = ["200", "403", "403", "403", "200", "403"],
        ["GET /api/reports/monthly/"] = ["200", "403", "403", "200", "200", "403"],
        ["GET /api/reports/board/"] = ["200", "403", "403", "403", "200", "403"],
        ["GET /api/reports/dashboard.csv"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/reports/dashboard.xlsx"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/reports/trend.csv"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/reports/trend.xlsx"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/reports/agreement.csv"] = ["200", "403", "403", "403", "200", "403"],
        ["GET /api/reports/agreement.xlsx"] = ["200", "403", "403", "403", "200", "403"],
        ["GET /api/reports/you-said-we-did.csv"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/reports/you-said-we-did.xlsx"] = ["200", "200", "403", "200", "200", "403"],
        ["GET /api/reports/actions.csv"] = ["200", "403", "403", "200", "200", "403"],
        ["GET /api/reports/actions.xlsx"] = ["200", "403", "403", "200", "200", "403"],
        // A database server is backed up with its own tools (pg_dump): the service refuses, 422.
        ["POST /api/record/backups"] = [TestDatabase.IsPostgres ? "422" : "201", "403", "403", "403", "403", "403"],
        ["POST /api/record/anchors"] = ["201", "403", "403", "403", "403", "403"],
        ["GET /api/record/verification"] = ["200", "403", "403", "403", "403", "403"],
        ["POST /api/retention/runs"] = ["200", "403", "403", "403", "403", "403"],
    };

    // Serves a second council, "north", whose objects each person of the default council must not reach.
    private readonly AuditApiFactory _factory = new(settings: new Dictionary<string, string?> { ["Tenancy:Councils:0"] = "north" });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task EveryEndpointAnswersEveryRoleAsTheTableSays()
    {
        var scenario = new Scenario(_factory);
        var world = await AccessWorld.TwoAuditsAsync(_factory, scenario);
        var callers = new[]
        {
            scenario.Psw,
            scenario.Auditor,
            scenario.YoungAssessor,
            _factory.ClientFor(world.TeamManager),
            _factory.ClientFor(world.ServiceManager),
            _factory.ClientFor(DemoUsers.Practitioner),
        };

        var endpoints = Endpoints();
        endpoints.Where(e => !Expected.ContainsKey(e)).ShouldBeEmpty("every endpoint needs a row in the access matrix");
        Expected.Keys.Where(k => !endpoints.Contains(k)).ShouldBeEmpty("the matrix names endpoints the app no longer has");

        var wrong = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var (method, route) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            for (var role = 0; role < callers.Length; role++)
            {
                var expected = Expected[endpoint][role].Split('/');
                foreach (var (whose, status) in new[] { ("own", expected[0]), ("other", expected.Length > 1 ? expected[1] : expected[0]) })
                {
                    if (whose == "other" && !route.Contains('{', StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var url = Fill(route, whose == "own" ? world.Own : world.Other) + $"?templateId={world.TemplateId}";
                    var response = await callers[role].SendAsync(new HttpMethod(method), url, method == "GET" ? null : new { });
                    if (((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) != status)
                    {
                        wrong.Add($"{endpoint} as {callers[role].UserName} on {whose}: expected {status}, got {(int)response.StatusCode}");
                    }
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    /// <summary>
    /// The council dimension: a second council with the same demo people, and its own audits, actions, rounds, plans,
    /// case files and templates. As each person of the default council, every endpoint answers another council's object
    /// exactly as it answers an object that does not exist (404 wherever the person may ask at all), and a report or
    /// list asked about another council's template answers as for a template that does not exist.
    /// </summary>
    [Fact]
    public async Task EveryEndpointAnswersAnotherCouncilsObjectsAsIfTheyDidNotExist()
    {
        var scenario = new Scenario(_factory);
        var own = await AccessWorld.TwoAuditsAsync(_factory, scenario);
        await _factory.SeedCouncilAsync(North);
        var north = await AccessWorld.TwoAuditsAsync(_factory, new Scenario(_factory, North));
        var callers = new[]
        {
            scenario.Psw,
            scenario.Auditor,
            scenario.YoungAssessor,
            _factory.ClientFor(own.TeamManager),
            _factory.ClientFor(own.ServiceManager),
            _factory.ClientFor(DemoUsers.Practitioner),
        };
        var nowhere = own.Own.ToDictionary(p => p.Key, _ => Guid.NewGuid());

        var (wrong, notFound) = (new List<string>(), 0);
        foreach (var endpoint in Endpoints())
        {
            var (method, route) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            var byId = route.Contains("{id:guid}", StringComparison.Ordinal);
            if (!byId && method != "GET")
            {
                continue;
            }

            foreach (var caller in callers)
            {
                var missing = await caller.SendAsync(new HttpMethod(method), Fill(route, nowhere) + $"?templateId={Guid.NewGuid()}", method == "GET" ? null : new { });
                foreach (var (whose, ids) in new[] { ("north's own", north.Own), ("north's other", north.Other) })
                {
                    var response = await caller.SendAsync(new HttpMethod(method), Fill(route, ids) + $"?templateId={north.TemplateId}", method == "GET" ? null : new { });
                    notFound += byId && response.StatusCode == HttpStatusCode.NotFound ? 1 : 0;
                    if (response.StatusCode != missing.StatusCode)
                    {
                        wrong.Add($"{endpoint} as {caller.UserName} on {whose}: {(int)response.StatusCode}, where a missing object answers {(int)missing.StatusCode}");
                    }
                }
            }
        }

        wrong.ShouldBeEmpty();
        notFound.ShouldBeGreaterThan(50, "most endpoints by id answer another council's object 404");
    }

    private const string North = "north";

    private List<string> Endpoints() =>
        _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct()
            .ToList();

    private static string Fill(string route, IReadOnlyDictionary<string, Guid> ids)
    {
        var prefix = ids.Keys.Where(route.StartsWith).OrderByDescending(k => k.Length).FirstOrDefault();
        return route
            .Replace("{id:guid}", (prefix is null ? Guid.NewGuid() : ids[prefix]).ToString(), StringComparison.Ordinal)
            .Replace("{criterionId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{id:long}", "0", StringComparison.Ordinal)
            .Replace("{name}", "case-file-audit", StringComparison.Ordinal)
            .Replace("{version:int}", "1", StringComparison.Ordinal);
    }
}
