using System.Net;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

public sealed class WhoLookedTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public WhoLookedTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ThePswCanListWhoLookedAtACaseFile()
    {
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        var caseFileId = (await _scenario.Auditor.GetOkAsync($"/api/audits/{auditId}"))["caseFile"].Id();
        await _scenario.YoungAssessor.GetOkAsync($"/api/audits/{auditId}");
        await _scenario.YoungAssessor.GetOkAsync("/api/audits?mine=true");

        var log = (await _scenario.Psw.GetOkAsync($"/api/case-files/{caseFileId}/access-log")).AsArray();

        log.Select(r => (r.Str("userName"), r.Str("view"))).ShouldContain((DemoUsers.Auditor, "audit"));
        log.Select(r => (r.Str("userName"), r.Str("view"))).ShouldContain((DemoUsers.YoungAssessor, "audit"));
        log.Select(r => (r.Str("userName"), r.Str("view"))).ShouldContain((DemoUsers.YoungAssessor, "audit list"));
        log.Select(r => (r.Str("userName"), r.Str("view"))).ShouldContain((DemoUsers.Psw, "case-file list"));
        log.Where(r => r.Str("view") == "audit").ShouldAllBe(r => r.Id("auditId") == auditId);
    }

    [Fact]
    public async Task OnlyThePswSeesWhoLooked()
    {
        var caseFileId = (await _scenario.CaseFilesAsync(1))[0].Id();

        (await _scenario.Auditor.GetAsync($"/api/case-files/{caseFileId}/access-log")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _scenario.Psw.GetAsync($"/api/case-files/{Guid.NewGuid()}/access-log")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
