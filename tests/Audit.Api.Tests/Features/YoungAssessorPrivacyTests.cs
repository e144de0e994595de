using System.Net;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

public sealed class YoungAssessorPrivacyTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public YoungAssessorPrivacyTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AYoungAssessorSeesNoCaseReferenceNorWorkerName()
    {
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        var asStaff = await _scenario.Auditor.GetOkAsync($"/api/audits/{auditId}");
        var asYoungAssessor = await _scenario.YoungAssessor.GetOkAsync($"/api/audits/{auditId}");

        asStaff["caseFile"]!["reference"].ShouldNotBeNull();
        asStaff["caseFile"]!["worker"].ShouldNotBeNull();
        var caseFile = asYoungAssessor["caseFile"]!.AsObject();
        caseFile.ContainsKey("reference").ShouldBeFalse();
        caseFile.ContainsKey("worker").ShouldBeFalse();
        caseFile.ContainsKey("teamName").ShouldBeFalse();
        caseFile["childAgeBand"].ShouldNotBeNull();
        var raw = asYoungAssessor.ToJsonString();
        raw.ShouldNotContain(asStaff["caseFile"].Str("reference"));
        raw.ShouldNotContain(asStaff["caseFile"].Str("worker"));
    }

    [Fact]
    public async Task AYoungAssessorSeesOnlyTheirOwnGradingAndNoOtherNames()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        var view = await _scenario.YoungAssessor.GetOkAsync($"/api/audits/{auditId}");

        view.Arr("gradings").ShouldBeEmpty();
        view.ToJsonString().ShouldNotContain(DemoUsers.Auditor);
        view.ToJsonString().ShouldNotContain(DemoUsers.Psw);
        view.Arr("permittedTriggers").Select(t => t!.GetValue<string>()).ShouldBe(["submitGrading"]);
    }

    [Fact]
    public async Task AYoungAssessorsListOfAuditsCarriesNoCaseReference()
    {
        await _scenario.PlanRoundAsync(count: 2);

        var mine = await _scenario.YoungAssessor.GetOkAsync("/api/audits?mine=true");

        mine.AsArray().Count.ShouldBe(2);
        mine.AsArray().ShouldAllBe(a => a!["reference"] == null);
    }

    [Fact]
    public async Task AYoungAssessorCannotListTeamsActionsOrTheDashboard()
    {
        var template = await _scenario.DudleyTemplateAsync();

        (await _scenario.YoungAssessor.GetAsync("/api/teams")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _scenario.YoungAssessor.GetAsync("/api/actions?mine=true")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _scenario.YoungAssessor.GetAsync($"/api/dashboard?templateId={template.Id()}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
