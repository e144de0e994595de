using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Audit.Api.Tests.Features;

/// <summary>The migration that gives final grades their team and moment fills them in for audits finalised before it.</summary>
/// <remarks>About a SQLite migration's backfill (PostgreSQL's migrations start from the current model): left out of the PostgreSQL run.</remarks>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed class DashboardMigrationTests : IDisposable
{
    private const string BeforeDashboardByPeriod = "20261201054122_TemplateVersions";

    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task BackfillsTheTeamAndTheMomentTheGradesBecameFinalFromTheAuditAndItsHistory()
    {
        var scenario = new Scenario(_factory);
        var criteria = await scenario.CriterionIdsAsync();
        var audits = await scenario.PlanRoundAsync(count: 2);
        foreach (var (auditId, grade) in audits.Zip(["Good", "RequiresImprovement"]))
        {
            await scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, grade));
            _factory.Clock.Advance(TimeSpan.FromDays(3));
            await scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, grade));
        }

        var before = await SnapshotAsync();
        before.Count.ShouldBe(criteria.Count * 2);
        before.Select(r => r.At).Distinct().Count().ShouldBe(2);

        await _factory.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(BeforeDashboardByPeriod);
            await migrator.MigrateAsync();
            return 0;
        });

        (await SnapshotAsync()).ShouldBe(before);
    }

    private Task<List<(Guid AuditId, Guid CriterionId, Guid TeamId, long At, long? AuditAt)>> SnapshotAsync() => _factory.WithDbAsync(async db =>
    {
        var grades = await db.Database.SqlQueryRaw<Snapshot>(
                """
                SELECT f."AuditId", f."CriterionId", f."TeamId", f."FinalisedAt" AS "At", a."FinalisedAt" AS "AuditAt"
                FROM "FinalGrades" f JOIN "Audits" a ON a."Id" = f."AuditId"
                """)
            .ToListAsync();
        return grades.Select(g => (g.AuditId, g.CriterionId, g.TeamId, g.At, g.AuditAt)).OrderBy(g => g.AuditId).ThenBy(g => g.CriterionId).ToList();
    });

    private sealed record Snapshot(Guid AuditId, Guid CriterionId, Guid TeamId, long At, long? AuditAt);
}
