using Audit.Api.Persistence;
using Audit.Api.Tests.Support;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Persistence;

/// <summary>
/// SQLite's save past EF's update pipeline (Persistence/LeanSqliteDatabase) keeps EF's guarantees: the database's keys
/// reach the entities, a row changed meanwhile or a unique clash writes nothing of the save, a failed save inside a
/// transaction leaves what came before it, and a deletion and an insert of the same unique values land together.
/// </summary>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed class LeanSqliteDatabaseTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public LeanSqliteDatabaseTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task NewRowsTakeTheKeysTheDatabaseMade()
    {
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        var (records, stored) = await _factory.WithDbAsync(async db =>
        {
            var audit = await db.Audits.SingleAsync(a => a.Id == auditId);
            var records = new[] { Looked(audit, "first"), Looked(audit, "second") };
            db.AccessRecords.AddRange(records);
            await db.SaveChangesAsync();
            return (records, await db.AccessRecords.AsNoTracking().Where(r => r.AuditId == auditId && r.UserName.StartsWith("lean-")).ToListAsync());
        });

        records.Select(r => r.Id).ShouldAllBe(id => id > 0);
        records[0].Id.ShouldNotBe(records[1].Id);
        stored.OrderBy(r => r.Id).Select(r => (r.Id, r.UserName)).ShouldBe(records.OrderBy(r => r.Id).Select(r => (r.Id, r.UserName)));
        stored.Single(r => r.UserName == "lean-first").At.ShouldBe(records[0].At);
    }

    [Fact]
    public async Task ARowChangedSinceItWasReadIsRefusedAndNothingOfTheSaveIsWritten()
    {
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        var thrown = await _factory.WithDbAsync(async db =>
        {
            var audit = await db.Audits.Include(a => a.History).SingleAsync(a => a.Id == auditId);
            await BumpVersionBehindTheBackAsync(auditId);
            audit.RecordTransition("ada.winslow", "cancel", audit.State, "Cancelled", "stale", DateTimeOffset.UtcNow);
            db.AccessRecords.Add(Looked(audit, "stale"));
            return await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        });

        thrown.Entries.ShouldHaveSingleItem().Entity.ShouldBeOfType<CaseFileAudit>();
        (await HistoryDetailsAsync(auditId)).ShouldNotContain("stale");
        (await LookedAsync(auditId)).ShouldNotContain("lean-stale");
    }

    [Fact]
    public async Task AUniqueClashIsTheDatabasesOwnErrorAndNothingOfTheSaveIsWritten()
    {
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        var thrown = await _factory.WithDbAsync(async db =>
        {
            var audit = await db.Audits.SingleAsync(a => a.Id == auditId);
            db.AccessRecords.Add(Looked(audit, "clash"));
            db.GradingDrafts.AddRange(GradingDraft.Start(audit, DemoUsers.Auditor, GraderRole.Auditor), GradingDraft.Start(audit, DemoUsers.Auditor, GraderRole.Auditor));
            return await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });

        thrown.InnerException.ShouldBeOfType<SqliteException>().SqliteExtendedErrorCode.ShouldBe(SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE);
        (await LookedAsync(auditId)).ShouldNotContain("lean-clash");
        (await _factory.WithDbAsync(db => db.GradingDrafts.CountAsync(d => d.AuditId == auditId))).ShouldBe(0);
    }

    [Fact]
    public async Task AFailedSaveInsideATransactionLeavesWhatTheTransactionWroteBeforeIt()
    {
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        await _factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(CancellationToken.None);
            var audit = await db.Audits.Include(a => a.History).SingleAsync(a => a.Id == auditId);
            db.AccessRecords.Add(Looked(audit, "before"));
            await db.SaveChangesAsync();

            await BumpVersionInside(db, auditId);
            audit.RecordTransition("ada.winslow", "cancel", audit.State, "Cancelled", "stale", DateTimeOffset.UtcNow);
            await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            await transaction.CommitAsync(CancellationToken.None);
            return 0;
        });

        (await LookedAsync(auditId)).ShouldContain("lean-before");
        (await HistoryDetailsAsync(auditId)).ShouldNotContain("stale");
    }

    [Fact]
    public async Task ADeletedRowAndANewOneWithItsUniqueValuesAreSavedTogether()
    {
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        var first = await _factory.WithDbAsync(async db =>
        {
            var draft = GradingDraft.Start(await db.Audits.SingleAsync(a => a.Id == auditId), DemoUsers.Auditor, GraderRole.Auditor);
            db.GradingDrafts.Add(draft);
            await db.SaveChangesAsync();
            return draft.Id;
        });

        var second = await _factory.WithDbAsync(async db =>
        {
            var audit = await db.Audits.SingleAsync(a => a.Id == auditId);
            db.GradingDrafts.Remove(await db.GradingDrafts.SingleAsync(d => d.Id == first));
            var draft = GradingDraft.Start(audit, DemoUsers.Auditor, GraderRole.Auditor);
            db.GradingDrafts.Add(draft);
            await db.SaveChangesAsync();
            return draft.Id;
        });

        var stored = await _factory.WithDbAsync(db => db.GradingDrafts.Where(d => d.AuditId == auditId).Select(d => d.Id).ToListAsync());
        stored.ShouldBe([second]);
    }

    private static AccessRecord Looked(CaseFileAudit audit, string who) =>
        new() { At = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero), UserName = $"lean-{who}", CaseFileId = audit.CaseFileId, AuditId = audit.Id, View = AccessViews.Audit };

    private async Task BumpVersionBehindTheBackAsync(Guid auditId)
    {
        await using var connection = (SqliteConnection)TestDatabase.OpenConnection(_factory.Folder);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE \"Audits\" SET \"Version\" = \"Version\" + 1 WHERE {TestDatabase.IdIs("Id", auditId)}";
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    // Inside the transaction, which holds SQLite's write lock, the other writer is the transaction itself.
    private static async Task BumpVersionInside(AuditDbContext db, Guid auditId)
    {
        var bump = $"UPDATE \"Audits\" SET \"Version\" = \"Version\" + 1 WHERE {TestDatabase.IdIs("Id", auditId)}";
        (await db.Database.ExecuteSqlRawAsync(bump)).ShouldBe(1);
    }

    private Task<List<string>> HistoryDetailsAsync(Guid auditId) =>
        _factory.WithDbAsync(db => db.History.Where(h => h.AuditId == auditId).Select(h => h.Detail).ToListAsync());

    private Task<List<string>> LookedAsync(Guid auditId) =>
        _factory.WithDbAsync(db => db.AccessRecords.Where(r => r.AuditId == auditId).Select(r => r.UserName).ToListAsync());
}
