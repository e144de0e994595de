using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Audit.Domain.CaseFiles;
using Microsoft.EntityFrameworkCore;
using PageBrowser = Audit.Api.Tests.Pages.Browser;

namespace Audit.Api.Tests.SubjectAccess;

/// <summary>A care leaver asks for their file: everything held, as JSON and as a page, itself recorded; and old case files pseudonymised.</summary>
public sealed class SubjectAccessTests : IDisposable
{
    private const string Evidence = "The child's wish to see her brother is written in her own words.";

    private readonly AuditApiFactory _factory = new(settings: new Dictionary<string, string?> { ["RecordKeeping:AnchorInBackground"] = "false" });
    private readonly Scenario _scenario;

    public SubjectAccessTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private async Task<(Guid AuditId, Guid CaseFileId)> GradedAuditAsync()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        var grading = new
        {
            grades = criteria.Select(c => new { criterionId = c, grade = "Good", evidence = Evidence }).ToArray(),
            overall = "Good",
        };
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", grading);
        var audit = await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}");
        return (auditId, audit["caseFile"].Id());
    }

    [Fact]
    public async Task TheExportHoldsTheCaseFileItsAuditsGradesHistoryAndWhoLookedAndIsItselfRecorded()
    {
        var (auditId, caseFileId) = await GradedAuditAsync();

        var record = await _scenario.Psw.GetOkAsync($"/api/case-files/{caseFileId}/record");

        record["caseFile"].Str("reference").ShouldNotBeNullOrWhiteSpace();
        var audit = record["audits"]!.AsArray().ShouldHaveSingleItem()!;
        audit.Id().ShouldBe(auditId);
        audit["gradings"]![0]!["grades"]![0].Str("evidence").ShouldBe(Evidence);
        audit["history"]!.AsArray().Count.ShouldBeGreaterThanOrEqualTo(2);
        var looked = record["whoLooked"]!.AsArray().Select(l => l.Str("view")).ToList();
        looked.ShouldContain("audit");
        looked.ShouldContain("subject access export");
        record.Str("exportedBy").ShouldBe(DemoUsers.Psw);

        var log = await _scenario.Psw.GetOkAsync($"/api/case-files/{caseFileId}/access-log");
        log.AsArray().Count(l => l.Str("view") == "subject access export" && l.Str("userName") == DemoUsers.Psw).ShouldBe(1);
    }

    [Fact]
    public async Task OnlyThePrincipalSocialWorkerExportsAndAnUnknownCaseFileIsNotFound()
    {
        var (_, caseFileId) = await GradedAuditAsync();

        (await _scenario.Auditor.GetAsync($"/api/case-files/{caseFileId}/record")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _scenario.YoungAssessor.GetAsync($"/api/case-files/{caseFileId}/record")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _scenario.Psw.GetAsync($"/api/case-files/{Guid.NewGuid()}/record")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var exports = await _factory.WithDbAsync(db => db.AccessRecords.CountAsync(a => a.View == "subject access export"));
        exports.ShouldBe(0);
    }

    [Fact]
    public async Task ThePageReadsTheWholeRecord()
    {
        var (_, caseFileId) = await GradedAuditAsync();
        var browser = new PageBrowser(_factory);
        await browser.SignInAsync("Ada Winslow");

        var page = await browser.GetOkAsync($"/case-files/{caseFileId}/record");

        var text = PageBrowser.Text(page);
        text.ShouldContain("Everything held about case file");
        text.ShouldContain(Evidence);
        text.ShouldContain("Who looked");
    }

    [Fact]
    public async Task ADryRunListsCaseFilesPastRetentionAndChangesNothingThenARunPseudonymisesThemAndKeepsTheGrades()
    {
        var (auditId, caseFileId) = await GradedAuditAsync();
        var open = (await _scenario.PlanRoundAsync(skip: 1)).Single();
        await _scenario.Psw.PostOkAsync($"/api/audits/{auditId}/cancel", new { reason = "Sampled in error: the case closed before the period." });
        var openCaseFile = (await _scenario.Psw.GetOkAsync($"/api/audits/{open}"))["caseFile"].Id();
        var gradingsBefore = await _factory.WithDbAsync(db => db.Gradings.CountAsync());

        (await RunAsync(dryRun: false))["caseFiles"]!.AsArray().ShouldBeEmpty();
        _factory.Clock.Advance(TimeSpan.FromDays((365 * 7) + 3));

        var dry = await RunAsync(dryRun: true);
        dry["caseFiles"]!.AsArray().ShouldHaveSingleItem()!.Id("caseFileId").ShouldBe(caseFileId);
        (await CaseFileAsync(caseFileId)).IsPseudonymised.ShouldBeFalse();

        var run = await RunAsync(dryRun: false);
        run["caseFiles"]!.AsArray().ShouldHaveSingleItem()!.Id("caseFileId").ShouldBe(caseFileId);
        var after = await CaseFileAsync(caseFileId);
        after.Reference.ShouldStartWith(CaseFile.PseudonymPrefix);
        after.AllocatedWorker.ShouldBe(CaseFile.PseudonymisedWorker);
        after.WorkerUserName.ShouldBeNull();
        (await CaseFileAsync(openCaseFile)).IsPseudonymised.ShouldBeFalse();
        (await _factory.WithDbAsync(db => db.Gradings.CountAsync())).ShouldBe(gradingsBefore);

        var runs = await _factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.Entity == "RetentionRun").Select(c => new { c.Operation, c.Changes }).ToListAsync());
        runs.Select(r => r.Operation).ShouldBe(["Applied", "DryRun", "Applied"], ignoreOrder: true);
        runs.Where(r => r.Changes is not null).ShouldHaveSingleItem().Changes!.ShouldContain(caseFileId.ToString());
        (await _factory.WithDbAsync(db => db.ChangeRecords.CountAsync(c => c.Entity == "CaseFile" && c.EntityKey == caseFileId.ToString()))).ShouldBeGreaterThan(0);
        (await RunAsync(dryRun: true))["caseFiles"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ARunWithNoBodyIsADryRun()
    {
        var (auditId, caseFileId) = await GradedAuditAsync();
        await _scenario.Psw.PostOkAsync($"/api/audits/{auditId}/cancel", new { reason = "Sampled in error: the case closed before the period." });
        _factory.Clock.Advance(TimeSpan.FromDays(365 * 8));

        var run = await _scenario.Psw.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/retention/runs");

        run["dryRun"]!.GetValue<bool>().ShouldBeTrue();
        (await CaseFileAsync(caseFileId)).IsPseudonymised.ShouldBeFalse();
    }

    private Task<JsonNode> RunAsync(bool dryRun) => _scenario.Psw.PostOkAsync("/api/retention/runs", new { dryRun });

    private Task<CaseFile> CaseFileAsync(Guid id) => _factory.WithDbAsync(db => db.CaseFiles.AsNoTracking().SingleAsync(c => c.Id == id));
}
