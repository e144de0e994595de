using Audit.Api.Tests.Support;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Audit.Domain.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

/// <summary>
/// Unique marker strings in every identifying field; a young assessor calls every endpoint and opens every page the app
/// exposes (found from its endpoint data source, so a new endpoint or page is covered without editing this test) and
/// never meets one.
/// </summary>
public sealed class YoungAssessorMarkerTests : IDisposable
{
    private const string Reference = "MARKER-REF-0042";
    private const string Worker = "Markerworker Quell";
    private const string TeamName = "Markerteam Northfield";
    private const string TeamManager = "marker.teammanager";
    private const string TeamManagerName = "Markermanager Vos";
    private const string ServiceManager = "marker.servicemanager";
    private const string Extract = "MARKER-EXTRACT not yet cleared";
    private const string Evidence = "MARKER-EVIDENCE from the auditor";

    private static readonly string[] Markers =
        [Reference, Worker, TeamName, TeamManager, TeamManagerName, ServiceManager, Extract, Evidence, DemoUsers.Auditor, DemoUsers.Psw];

    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public YoungAssessorMarkerTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task NoIdentifyingMarkerReachesAYoungAssessorFromAnyEndpoint()
    {
        var caseFileId = await SeedMarkedCaseFileAsync();
        var template = await _scenario.DudleyTemplateAsync();
        var criteria = template.Arr("criteria").Select(c => c.Id()).ToList();
        var round = await _scenario.Psw.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Marker round",
            templateId = template.Id(),
            dueOn = "2026-12-18",
            caseFileIds = new[] { caseFileId },
            auditor = DemoUsers.Auditor,
            youngAssessor = DemoUsers.YoungAssessor,
        });
        var auditId = Guid.Parse(round.Arr("auditIds")[0]!.GetValue<string>());
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", new
        {
            grades = criteria.Select(id => new { criterionId = id, grade = "Good", evidence = Evidence }),
            overall = "Good",
        });

        var answers = new List<(string Route, string Body)>();
        var graded = await _scenario.YoungAssessor.PostAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "RequiresImprovement"));
        answers.Add(("POST gradings", await graded.Content.ReadAsStringAsync()));

        var ids = new Dictionary<string, string>
        {
            ["/api/audits"] = auditId.ToString(),
            ["/api/rounds"] = round.Id().ToString(),
            ["/api/templates"] = template.Id().ToString(),
            ["/api/case-files"] = caseFileId.ToString(),
            ["/api/actions"] = Guid.NewGuid().ToString(),
        };
        foreach (var (method, route) in Routes())
        {
            var url = Fill(route, ids) + $"?mine=true&templateId={template.Id()}";
            var response = await _scenario.YoungAssessor.SendAsync(new HttpMethod(method), url, method == "GET" ? null : new { });
            answers.Add(($"{method} {url}", await response.Content.ReadAsStringAsync()));
        }

        answers.Count.ShouldBeGreaterThan(10);
        answers.ShouldContain(a => a.Body.Contains("childAgeBand", StringComparison.Ordinal), "the young assessor should have seen their audit");
        foreach (var (route, body) in answers)
        {
            foreach (var marker in Markers)
            {
                body.ShouldNotContain(marker, Case.Insensitive, $"{route} showed a young assessor '{marker}'");
            }
        }
    }

    [Fact]
    public async Task NoIdentifyingMarkerReachesAYoungAssessorOnAnyPage()
    {
        var caseFileId = await SeedMarkedCaseFileAsync();
        var template = await _scenario.DudleyTemplateAsync();
        var criteria = template.Arr("criteria").Select(c => c.Id()).ToList();
        var round = await _scenario.Psw.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Marker round", templateId = template.Id(), dueOn = "2026-12-18", caseFileIds = new[] { caseFileId },
            auditor = DemoUsers.Auditor, youngAssessor = DemoUsers.YoungAssessor,
        });
        var auditId = Guid.Parse(round.Arr("auditIds")[0]!.GetValue<string>());
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", new
        {
            grades = criteria.Select(id => new { criterionId = id, grade = "Good", evidence = Evidence }),
            overall = "Good",
        });
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/concerns", new { description = $"{Worker} told {TeamManagerName} about {Reference}." });
        await _scenario.YoungAssessor.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Put, $"/api/audits/{auditId}/draft", new
        {
            grades = new[] { new { criterionId = criteria[0], grade = "Good", evidence = "The child's words are in the plan." } },
        });

        var youngAssessor = new Pages.Browser(_factory);
        await youngAssessor.SignInAsync("Jay");
        var ids = new Dictionary<string, Guid>
        {
            ["/api/audits"] = auditId,
            ["/api/case-files"] = caseFileId,
            ["/api/rounds"] = round.Id(),
            ["/api/templates"] = template.Id(),
        };

        var answers = new List<(string Url, int Status, string Body)>();
        async Task WalkAsync()
        {
            // The development sign-in page lists the demo people, as GET /api/dev/users does; neither exists outside Development.
            foreach (var route in PageRoutes.Of(_factory).Where(r => r is not "/sign-out" and not "/sign-in"))
            {
                var url = PageRoutes.Fill(route, ids);
                var response = await youngAssessor.Http.GetAsync(url);
                answers.Add((url, (int)response.StatusCode, await response.Content.ReadAsStringAsync()));
            }
        }

        await WalkAsync();
        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "RequiresImprovement"));
        await WalkAsync();

        answers.Count(a => a.Status == 200).ShouldBeGreaterThan(10);
        answers.ShouldContain(a => a.Url == $"/audits/{auditId}" && a.Status == 200, "the young assessor should have opened their review");
        answers.ShouldContain(a => a.Url == $"/audits/{auditId}/grade/check" && a.Status == 200, "the young assessor should have checked their answers");
        answers.ShouldContain(a => a.Body.Contains("Signed in as", StringComparison.Ordinal), "the young assessor should have been signed in");
        foreach (var (url, _, body) in answers)
        {
            foreach (var marker in Markers)
            {
                body.ShouldNotContain(marker, Case.Insensitive, $"{url} showed a young assessor '{marker}'");
            }
        }
    }

    [Fact]
    public async Task AYoungAssessorSeesTheExtractOnlyOnceItIsCleared()
    {
        var caseFileId = await SeedMarkedCaseFileAsync();
        var template = await _scenario.DudleyTemplateAsync();
        var round = await _scenario.Psw.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Extract round", templateId = template.Id(), dueOn = "2026-12-18", caseFileIds = new[] { caseFileId },
            auditor = DemoUsers.Auditor, youngAssessor = DemoUsers.YoungAssessor,
        });
        var auditId = round.Arr("auditIds")[0]!.GetValue<string>();

        (await _scenario.YoungAssessor.GetOkAsync($"/api/audits/{auditId}"))["caseFile"]!["redactedExtract"].ShouldBeNull();
        (await _scenario.Auditor.GetOkAsync($"/api/audits/{auditId}"))["caseFile"].Str("redactedExtract").ShouldBe(Extract);

        await _scenario.Auditor.SendAsync(HttpMethod.Put, $"/api/case-files/{caseFileId}/extract", new { text = "The young person asked for meetings after school." });
        (await _scenario.YoungAssessor.GetOkAsync($"/api/audits/{auditId}"))["caseFile"]!["redactedExtract"].ShouldBeNull();

        var cleared = await _scenario.Auditor.PostOkAsync($"/api/case-files/{caseFileId}/extract/clear", new { });
        cleared["cleared"]!.GetValue<bool>().ShouldBeTrue();
        (await _scenario.YoungAssessor.GetOkAsync($"/api/audits/{auditId}"))["caseFile"].Str("redactedExtract").ShouldBe("The young person asked for meetings after school.");

        var otherAuditor = _factory.ClientFor(DemoUsers.OtherAuditor);
        (await otherAuditor.PostAsync($"/api/case-files/{caseFileId}/extract/clear", new { })).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
    }

    /// <summary>Every API endpoint but the development sign-in; writes are sent an empty body, after the reads.</summary>
    private IEnumerable<(string Method, string Route)> Routes() =>
        _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && !e.RoutePattern.RawText.StartsWith("/api/dev/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (m, e.RoutePattern.RawText!)))
            .Distinct()
            .OrderBy(e => e.m != "GET");

    private static string Fill(string route, Dictionary<string, string> ids)
    {
        var prefix = ids.Keys.Where(route.StartsWith).OrderByDescending(k => k.Length).FirstOrDefault();
        return route
            .Replace("{id:guid}", prefix is null ? Guid.NewGuid().ToString() : ids[prefix], StringComparison.Ordinal)
            .Replace("{name}", "case-file-audit", StringComparison.Ordinal)
            .Replace("{version:int}", "1", StringComparison.Ordinal);
    }

    private async Task<Guid> SeedMarkedCaseFileAsync() => await _factory.WithDbAsync(async db =>
    {
        var team = new Team(Guid.NewGuid(), TeamName, ServiceArea.ChildrenLookedAfter, TeamManager, ServiceManager);
        db.Teams.Add(team);
        db.Staff.Add(new StaffMember(TeamManager, TeamManagerName, [Role.TeamManager], team.Id));
        db.Staff.Add(new StaffMember(ServiceManager, "Markerservice Lund", [Role.ServiceManager]));
        var caseFile = new CaseFile(Guid.NewGuid(), Reference, team, Stage.Review, Worker, ChildAgeBand.TenToFifteen);
        caseFile.PrepareExtract(Extract);
        db.CaseFiles.Add(caseFile);
        await db.SaveChangesAsync();
        return caseFile.Id;
    });
}
