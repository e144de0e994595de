using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Performance;

/// <summary>How many SQL commands a grading sends: the write path loads only what its rules need and writes in few commands.</summary>
public sealed class GradingStatementTests : IDisposable
{
    private readonly CommandCounter _counter = new();
    private readonly AuditApiFactory _factory;

    public GradingStatementTests() => _factory = new AuditApiFactory(configureServices: s => s.AddSingleton<IInterceptor>(_counter));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AGradingReadsNoHistoryAndWritesOneChangeRecordInFewCommands()
    {
        var (criteria, commands) = await GradeTheSecondAuditAsync();

        var reads = commands.Where(c => c.StartsWith("SELECT", StringComparison.Ordinal)).ToList();
        var writes = commands.Except(reads).ToList();
        reads.ShouldNotContain(c => c.Contains("FROM \"AuditHistory\"", StringComparison.Ordinal), "the history's head and length are on the audit");
        reads.ShouldNotContain(c => c.Contains("FROM \"Actions\"", StringComparison.Ordinal), "no actions are raised before the grades are final");
        reads.Count.ShouldBeLessThanOrEqualTo(5);
        writes.Count(c => c.Contains("INTO \"ChangeRecords\"", StringComparison.Ordinal)).ShouldBe(1);
        writes.Count(c => c.Contains("INTO \"AuditHistory\"", StringComparison.Ordinal)).ShouldBe(1);
        writes.Count(c => c.Contains("INTO \"AccessRecords\"", StringComparison.Ordinal)).ShouldBe(1);

        // The grading, its grades, the audit's new version, the history line, the change record and the access record.
        writes.Count.ShouldBeLessThanOrEqualTo(criteria.Count + 5);
    }

    [Fact]
    [Trait("Database", TestDatabase.SqliteOnly)]
    public async Task OnSqliteAGradingWritesItsGradesInOneStatementAndSixInAll()
    {
        var (_, commands) = await GradeTheSecondAuditAsync();

        // Persistence/LeanSqliteDatabase: the grading, all its grades in one INSERT, the audit's new version, the history
        // line, the change record and the access record.
        var writes = commands.Where(c => !c.StartsWith("SELECT", StringComparison.Ordinal)).ToList();
        writes.Count(c => c.StartsWith("INSERT INTO \"CriterionGrades\"", StringComparison.Ordinal)).ShouldBe(1);
        writes.Count(c => c.StartsWith("UPDATE \"Audits\"", StringComparison.Ordinal)).ShouldBe(1);
        writes.Count.ShouldBe(6);
    }

    /// <summary>Grades one audit, then another, and answers the SQL commands the second grading sent.</summary>
    private async Task<(IReadOnlyList<Guid> Criteria, List<string> Commands)> GradeTheSecondAuditAsync()
    {
        var scenario = new Scenario(_factory);
        var criteria = await scenario.CriterionIdsAsync();
        var auditIds = await scenario.PlanRoundAsync(count: 2);
        await scenario.Auditor.PostOkAsync($"/api/audits/{auditIds[0]}/gradings", Scenario.Grading(criteria, "Good"));

        _counter.Commands.Clear();
        await scenario.Auditor.PostOkAsync($"/api/audits/{auditIds[1]}/gradings", Scenario.Grading(criteria, "Good"));
        return (criteria, _counter.Commands.ToList());
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public ConcurrentQueue<string> Commands { get; } = new();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Commands.Enqueue(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Commands.Enqueue(command.CommandText);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
