using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Audit.Api.Tests.Features;

/// <summary>Audits written before the history's length was kept on the audit get it from their history, and chain on from it.</summary>
/// <remarks>About a SQLite migration's backfill (PostgreSQL's migrations start from the current model): left out of the PostgreSQL run.</remarks>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed class HistoryLengthMigrationTests : IDisposable
{
    private const string BeforeHistoryLength = "20261201133609_ReauditRequests";

    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task EachAuditsLengthIsBackfilledFromItsHistoryAndANewLineStillChains()
    {
        var scenario = new Scenario(_factory);
        var criteria = await scenario.CriterionIdsAsync();
        var audits = await scenario.PlanRoundAsync(count: 2);
        await scenario.Auditor.PostOkAsync($"/api/audits/{audits[0]}/gradings", Scenario.Grading(criteria, "Good"));

        await _factory.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(BeforeHistoryLength);
            await migrator.MigrateAsync();
            return 0;
        });

        var lengths = await _factory.WithDbAsync(db => db.Audits.AsNoTracking().Where(a => audits.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.HistoryLength));
        lengths[audits[0]].ShouldBe(2);
        lengths[audits[1]].ShouldBe(1);

        await scenario.YoungAssessor.PostOkAsync($"/api/audits/{audits[0]}/gradings", Scenario.Grading(criteria, "Good"));
        var check = await scenario.Psw.GetOkAsync($"/api/audits/{audits[0]}/history/verify");
        check["holds"]!.GetValue<bool>().ShouldBeTrue();
        check["entries"]!.GetValue<int>().ShouldBe(3);
    }
}
