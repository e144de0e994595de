using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

/// <summary>Someone with the database file in hand changes the record; the hash chain shows it.</summary>
public sealed class HistoryTamperingTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public HistoryTamperingTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private async Task<Guid> AuditWithThreeLinesAsync()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        return auditId;
    }

    private void TamperWithTheFile(string sql) => TestDatabase.TamperWith(_factory.Folder, "AuditHistory", sql);

    [Fact]
    public async Task AnUntouchedHistoryHolds()
    {
        var auditId = await AuditWithThreeLinesAsync();

        var check = await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}/history/verify");

        check["holds"]!.GetValue<bool>().ShouldBeTrue();
        check["entries"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task AnAlteredLineBreaksTheChainAtThatLine()
    {
        var auditId = await AuditWithThreeLinesAsync();

        TamperWithTheFile($"UPDATE \"AuditHistory\" SET \"By\" = 'someone.else' WHERE \"Sequence\" = 2 AND {TestDatabase.IdIs("AuditId", auditId)};");
        var check = await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}/history/verify");

        check["holds"]!.GetValue<bool>().ShouldBeFalse();
        check["firstBrokenSequence"]!.GetValue<int>().ShouldBe(2);
        check.Str("problem").ShouldContain("content has changed");
    }

    [Fact]
    public async Task ARemovedLineBreaksTheChain()
    {
        var auditId = await AuditWithThreeLinesAsync();

        TamperWithTheFile($"DELETE FROM \"AuditHistory\" WHERE \"Sequence\" = 3 AND {TestDatabase.IdIs("AuditId", auditId)};");
        var check = await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}/history/verify");

        check["holds"]!.GetValue<bool>().ShouldBeFalse();
        check["firstBrokenSequence"]!.GetValue<int>().ShouldBe(3);
    }
}
