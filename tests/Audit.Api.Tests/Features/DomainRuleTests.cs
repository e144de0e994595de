using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Audit.Api.Tests.Support;
using Audit.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Audit.Api.Tests.Features;

/// <summary>A person who holds both grader roles, so that only the rule keeps them from grading one audit twice over.</summary>
public static class BothGraderRoles
{
    public const string UserName = "kit.both";

    public static Task AddAsync(AuditApiFactory factory) =>
        factory.WithDbAsync(async db =>
        {
            db.Staff.Add(new StaffMember(UserName, "Kit Both", [Role.Auditor, Role.YoungAssessor]));
            return await db.SaveChangesAsync();
        });
}

/// <summary>Rules that were loose, held through the real pipeline: who may grade in which role, and user names in any case.</summary>
public sealed class DomainRuleTests : IDisposable
{
    private const string BothRoles = BothGraderRoles.UserName;

    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public DomainRuleTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private async Task<HttpResponseMessage> PlanRoundAsync(string auditor, string youngAssessor)
    {
        var template = await _scenario.DudleyTemplateAsync();
        var caseFile = (await _scenario.CaseFilesAsync(1)).Single();
        return await _scenario.Psw.PostAsync("/api/rounds", new
        {
            name = "Spring voice audit",
            templateId = template.Id(),
            dueOn = "2026-12-18",
            caseFileIds = new[] { caseFile.Id() },
            auditor,
            youngAssessor,
        });
    }

    private HttpClient ClientWithToken(string userName, params string[] roles)
    {
        var claims = new List<Claim> { new("name", userName) };
        claims.AddRange(roles.Select(role => new Claim("role", role)));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "audit-api",
            Audience = "audit-api",
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AuditApiFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task OnePersonMayNotBeBothTheAuditorAndTheYoungAssessorOfAnAudit()
    {
        await BothGraderRoles.AddAsync(_factory);

        var response = await PlanRoundAsync(BothRoles, "Kit.Both");

        // A rule broken by a field answers as the service's other field rules do: 400 naming the field (see the README).
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var problem = await Scenario.AsJsonAsync(response);
        problem["errors"]!["youngAssessor"]![0]!.GetValue<string>()
            .ShouldBe("kit.both cannot be both the auditor and the young assessor of an audit: the two views must come from two people.");
        (await _factory.WithDbAsync(db => db.Audits.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task AGraderPlanOfPoolsMayNotNameOnePersonInBoth()
    {
        await BothGraderRoles.AddAsync(_factory);
        var template = await _scenario.DudleyTemplateAsync();

        var response = await _scenario.Psw.PostAsync("/api/round-plans", new
        {
            name = "Monthly",
            templateId = template.Id(),
            schedule = "0 9 1 * *",
            dueInDays = 28,
            perTeam = 1,
            excludeAuditedWithinMonths = 0,
            auditors = new[] { DemoUsers.Auditor, BothRoles },
            youngAssessors = new[] { BothRoles },
        });

        // A rule broken by a field answers as the service's other field rules do: 400 naming the field (see the README).
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await Scenario.AsJsonAsync(response))["errors"]!["youngAssessors"]![0]!.GetValue<string>().ShouldContain("cannot be both the auditor and the young assessor");
    }

    [Fact]
    public async Task AGraderGradesOnlyInARoleTheyHold()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        // The auditor's token carries only the young assessor's role (their identity provider changed it, say).
        using var client = ClientWithToken(DemoUsers.Auditor, Role.YoungAssessor);
        var response = await client.PostAsJsonAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Scenario.AsJsonAsync(response)).Str("detail").ShouldContain("you do not hold the Auditor role");
        (await _factory.WithDbAsync(db => db.Audits.Include(a => a.Gradings).SingleAsync())).Gradings.ShouldBeEmpty();
    }

    [Fact]
    public async Task UserNamesMatchWithoutRegardToCase()
    {
        var criteria = await _scenario.CriterionIdsAsync();

        var planned = await PlanRoundAsync(" Ivan.Quill", "JAY.ASSESSOR");

        planned.StatusCode.ShouldBe(HttpStatusCode.Created, await planned.Content.ReadAsStringAsync());
        var auditId = (await Scenario.AsJsonAsync(planned)).Arr("auditIds")[0]!.GetValue<string>();
        var assigned = await _factory.WithDbAsync(db => db.Audits.SelectMany(a => a.Assignments).Select(a => a.UserName).ToListAsync());
        assigned.ShouldBe([DemoUsers.Auditor, DemoUsers.YoungAssessor], ignoreOrder: true);

        // The development sign-in and a token from an identity provider that spells the name its own way.
        var token = await _factory.CreateClient().PostAsJsonAsync("/api/dev/token", new { userName = "IVAN.quill" });
        token.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var client = ClientWithToken("Ivan.Quill", Role.Auditor);
        (await client.PostAsJsonAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _factory.WithDbAsync(db => db.Audits.SelectMany(a => a.Gradings).Select(g => g.Grader).SingleAsync())).ShouldBe(DemoUsers.Auditor);
    }

    [Fact]
    public async Task ABlankUserNameGetsNoToken()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/dev/token", new { userName = "   " });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task LengthLimitsApplyAfterTrimming()
    {
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        var full = new string('x', Domain.Audits.Concern.MaxDescriptionLength);

        (await _scenario.Auditor.PostAsync($"/api/audits/{auditId}/concerns", new { description = "   " + full + "\n\n  " })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var tooLong = await _scenario.Auditor.PostAsync($"/api/audits/{auditId}/concerns", new { description = full + "y" });

        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _factory.WithDbAsync(db => db.Audits.SelectMany(a => a.Concerns).Select(c => c.Description).SingleAsync())).ShouldBe(full);
    }
}
