using System.Text.RegularExpressions;
using Audit.Api.Features.Dashboard;
using Audit.Api.Persistence;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Tenancy;

/// <summary>
/// Every query compares the council (the "Council" query filter), so the dashboard's indexes lead with <c>CouncilId</c>:
/// SQLite's plan for its main queries, as the handler builds them, searches them and never scans a table.
/// </summary>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed partial class CouncilIndexTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(null, null)]
    [InlineData("2026-04-01", "2027-04-01")]
    public async Task TheDashboardsCountsSearchTheCouncilsIndexes(string? from, string? to)
    {
        await _factory.WithDbAsync(async db =>
        {
            var template = await db.Templates.AsNoTracking().FirstAsync();
            var scope = await DashboardScope.OpenAsync(db, new NoUser(), new GetDashboard(template.Id, from, to, null, null), CancellationToken.None);

            var byCriterion = await PlanAsync(db, scope.FinalGrades()
                .GroupBy(f => new { f.CriterionId, f.ServiceArea })
                .Select(g => new { g.Key.CriterionId, g.Key.ServiceArea, Total = g.Count(), GoodOrBetter = g.Count(x => x.Grade >= scope.AtLeast) }));
            var overall = await PlanAsync(db, scope.Audits()
                .GroupBy(a => 1)
                .Select(g => new { Total = g.Count(), GoodOrBetter = g.Count(a => a.Overall >= scope.AtLeast) }));

            TestContext.Current.TestOutputHelper?.WriteLine($"By criterion:\n{byCriterion}\nOverall:\n{overall}");
            byCriterion.ShouldContain("USING COVERING INDEX IX_FinalGrades_CouncilId_TemplateId_", Case.Sensitive, byCriterion);
            overall.ShouldContain("USING COVERING INDEX IX_Audits_CouncilId_TemplateId_", Case.Sensitive, overall);
            foreach (var plan in new[] { byCriterion, overall })
            {
                plan.Split('\n').ShouldNotContain(line => line.StartsWith("SCAN ", StringComparison.Ordinal) && !line.Contains("USING", StringComparison.Ordinal), plan);
            }

            return 0;
        });
    }

    [Fact]
    public async Task TheReauditCountStartsFromTheRequestsUnderAMillionGradesStatistics()
    {
        await _factory.WithDbAsync(async db =>
        {
            // The statistics ANALYZE wrote for the dashboard benchmark's million grades, loaded in place of this file's own.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync(
                """
                ANALYZE;
                DELETE FROM sqlite_stat1;
                INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
                  ('FinalGrades', 'IX_FinalGrades_CouncilId_TemplateId_FinalisedAt_ServiceArea_TeamId_CriterionId_Grade', '999996 999996 499998 7 6 6 1 1'),
                  ('FinalGrades', 'IX_FinalGrades_CouncilId_TemplateId_CriterionId_ServiceArea_Grade', '999996 999996 499998 83333 13889 3473'),
                  ('FinalGrades', 'IX_FinalGrades_CouncilId_TeamId_FinalisedAt', '999996 999996 33334 6'),
                  ('FinalGrades', 'sqlite_autoindex_FinalGrades_1', '999996 6 1'),
                  ('Criteria', 'IX_Criteria_TemplateId_Position', '12 6 1'),
                  ('Criteria', 'sqlite_autoindex_Criteria_1', '12 1'),
                  ('Templates', 'IX_Templates_LineageId_Version', '2 2 1'),
                  ('Templates', 'sqlite_autoindex_Templates_1', '2 1'),
                  ('ReauditRequests', 'IX_ReauditRequests_FulfilledByAuditId_DueOn', '7725 1 1'),
                  ('ReauditRequests', 'IX_ReauditRequests_CaseFileId', '7725 2'),
                  ('ReauditRequests', 'IX_ReauditRequests_AuditId', '7725 1'),
                  ('ReauditRequests', 'IX_ReauditRequests_ActionId', '7725 1'),
                  ('ReauditRequests', 'sqlite_autoindex_ReauditRequests_1', '7725 1');
                ANALYZE sqlite_schema;
                """);
            var template = await db.Templates.AsNoTracking().FirstAsync();
            var scope = await DashboardScope.OpenAsync(db, new NoUser(), new GetDashboard(template.Id, null, null, null, null), CancellationToken.None);

            var plan = await PlanAsync(db, Audit.Api.Features.Reports.ReauditFigures.Counted(db, scope.FinalGrades()));

            TestContext.Current.TestOutputHelper?.WriteLine(plan);
            var loops = plan.Split('\n').Where(line => line.StartsWith("SCAN ", StringComparison.Ordinal) || line.StartsWith("SEARCH ", StringComparison.Ordinal)).ToList();
            loops[0].ShouldMatch(@"^(SCAN|SEARCH) r\b", plan);
            loops.ShouldNotContain(line => line.StartsWith("SCAN c", StringComparison.Ordinal), plan);
            return 0;
        });
    }

    /// <summary>SQLite's EXPLAIN QUERY PLAN for a query, one step a line; the council is the default, the other parameters unbound.</summary>
    private static async Task<string> PlanAsync<T>(AuditDbContext db, IQueryable<T> query)
    {
        var sql = string.Join('\n', query.ToQueryString().Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct())
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = name.Contains("Council", StringComparison.OrdinalIgnoreCase) ? Audit.Api.Tenancy.CurrentCouncil.Default : DBNull.Value;
            command.Parameters.Add(parameter);
        }

        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return string.Join('\n', steps);
    }

    [GeneratedRegex("@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Parameter();
}
