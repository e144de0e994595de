using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Features.RecordKeeping;
using Audit.Api.Persistence;
using Audit.Api.Tests.Support;
using Audit.Domain.Audits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.RecordKeeping;

/// <summary>Backups that restore into a record that verifies, and anchors outside the database that catch a chain rewritten whole.</summary>
public sealed class RecordKeepingTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoBackgroundAnchors = new() { ["RecordKeeping:AnchorInBackground"] = "false" };

    private readonly AuditApiFactory _factory = new(settings: NoBackgroundAnchors);
    private readonly Scenario _scenario;

    public RecordKeepingTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private async Task<Guid> AuditWithThreeLinesAsync()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        return auditId;
    }

    private Task<JsonNode> VerificationAsync() => _scenario.Psw.GetOkAsync("/api/record/verification");

    [Fact]
    [Trait("Database", TestDatabase.SqliteOnly)]
    public async Task ABackupRestoredIntoANewServiceHoldsEveryAuditsChain()
    {
        var auditId = await AuditWithThreeLinesAsync();

        var backup = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/record/backups");
        var file = Path.Combine(_factory.Folder, "backups", backup.Str("file"));
        File.Exists(file).ShouldBeTrue();
        backup["bytes"]!.GetValue<long>().ShouldBe(new FileInfo(file).Length);
        var audits = await _factory.WithDbAsync(db => db.Audits.CountAsync());

        var folder = AuditApiFactory.NewFolder();
        File.Copy(file, Path.Combine(folder, "audit.db"));
        using var restored = new AuditApiFactory(folder: folder, settings: NoBackgroundAnchors);
        var psw = restored.ClientFor(DemoUsers.Psw);
        var verification = await psw.GetOkAsync("/api/record/verification");

        verification["holds"]!.GetValue<bool>().ShouldBeTrue();
        verification["audits"]!.GetValue<int>().ShouldBe(audits);
        verification["historyLines"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(3);
        (await psw.GetOkAsync($"/api/audits/{auditId}/history/verify"))["entries"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    [Trait("Database", TestDatabase.SqliteOnly)]
    public async Task ABackupIsRecordedWithWhoTookItAndNeverOverwritesAFile()
    {
        await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/record/backups");

        // The same moment on the test clock names the same file.
        var again = await _scenario.Psw.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/api/record/backups");

        again.Str("detail").ShouldContain("never overwrites");
        var records = await _factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.Entity == "DatabaseBackup").ToListAsync());
        records.ShouldHaveSingleItem().UserName.ShouldBe(DemoUsers.Psw);
    }

    [Fact]
    public async Task OnlyThePrincipalSocialWorkerKeepsTheRecord()
    {
        foreach (var url in new[] { "/api/record/backups", "/api/record/anchors" })
        {
            (await _scenario.Auditor.SendAsync(HttpMethod.Post, url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await _scenario.Auditor.GetAsync("/api/record/verification")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        Directory.Exists(Path.Combine(_factory.Folder, "backups")).ShouldBeFalse();
    }

    [Fact]
    public async Task AnAnchorCatchesAChainRewrittenWholeThatStillHoldsByItself()
    {
        var auditId = await AuditWithThreeLinesAsync();
        var anchor = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/record/anchors");
        anchor["audits"]!.GetValue<int>().ShouldBeGreaterThan(0);
        (await VerificationAsync())["holds"]!.GetValue<bool>().ShouldBeTrue();

        await RewriteChainAsync(auditId);

        (await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}/history/verify"))["holds"]!.GetValue<bool>().ShouldBeTrue();
        var verification = await VerificationAsync();
        verification["holds"]!.GetValue<bool>().ShouldBeFalse();
        var problem = verification["problems"]!.AsArray().ShouldHaveSingleItem()!;
        problem.Id("auditId").ShouldBe(auditId);
        problem.Str("problem").ShouldContain("no longer matches the anchor");
    }

    [Fact]
    public async Task AChainThatGrewSinceTheAnchorStillHolds()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/record/anchors");

        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        var verification = await VerificationAsync();
        verification["holds"]!.GetValue<bool>().ShouldBeTrue();
        verification["anchoredAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task AnAnchorAlteredOnDiskIsReportedAsAltered()
    {
        await AuditWithThreeLinesAsync();
        var anchor = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/record/anchors");
        var file = Path.Combine(_factory.Folder, "anchors", anchor.Str("file"));

        var json = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        json["heads"]![0]!["length"] = 99;
        await File.WriteAllTextAsync(file, json.ToJsonString());

        var verification = await VerificationAsync();
        verification["holds"]!.GetValue<bool>().ShouldBeFalse();
        verification.Str("anchorProblem").ShouldContain("has been altered");
    }

    [Fact]
    public async Task TheServiceWritesAnAnchorOnceADayOnItsOwn()
    {
        var runner = _factory.Services.GetRequiredService<AnchorRunner>();

        (await runner.AnchorIfDueAsync(CancellationToken.None)).ShouldBeTrue();
        (await runner.AnchorIfDueAsync(CancellationToken.None)).ShouldBeFalse();
        _factory.Clock.Advance(TimeSpan.FromHours(23));
        (await runner.AnchorIfDueAsync(CancellationToken.None)).ShouldBeFalse();
        _factory.Clock.Advance(TimeSpan.FromHours(1));
        (await runner.AnchorIfDueAsync(CancellationToken.None)).ShouldBeTrue();

        Directory.GetFiles(Path.Combine(_factory.Folder, "anchors"), "history-anchor-*.json").Length.ShouldBe(2);
    }

    /// <summary>What someone with the file and the code could do: change every line and recompute every hash, so the chain holds.</summary>
    private async Task RewriteChainAsync(Guid auditId)
    {
        TestDatabase.TamperWith(_factory.Folder, "AuditHistory", "");
        await _factory.WithDbAsync(async db =>
        {
            var audit = await db.Audits.SingleAsync(a => a.Id == auditId);
            var previous = "";
            foreach (var line in await db.History.Where(h => h.AuditId == auditId).OrderBy(h => h.Sequence).ToListAsync())
            {
                db.Entry(line).Property(nameof(HistoryEntry.By)).CurrentValue = "someone.else";
                db.Entry(line).Property(nameof(HistoryEntry.PreviousHash)).CurrentValue = previous;
                db.Entry(line).Property(nameof(HistoryEntry.Hash)).CurrentValue = line.ComputeHash();
                previous = line.Hash;
            }

            db.Entry(audit).Property(nameof(CaseFileAudit.HistoryHead)).CurrentValue = previous;
            return await db.SaveChangesAsync();
        });
    }
}
