using System.Data.Common;
using System.Text.Json;
using Audit.Api.Infrastructure;
using Audit.Api.Infrastructure.Telemetry;
using Audit.Api.Persistence;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Audit.Api.Features.CaseFiles;

/// <summary>
/// Imports the case-management system's CSV export, streamed: rows are checked and written a batch at a time
/// inside one transaction, so the file is never held in memory. A re-import updates case files by reference; a row
/// that says what its case file already says is counted unchanged and writes nothing. Any bad row rolls the whole
/// import back, and every fault is reported with its line and column.
/// </summary>
public sealed record ImportCaseFiles(Stream Csv) : IRequest<ImportResult>;

internal sealed class ImportCaseFilesHandler(AuditDbContext db, ICurrentUser currentUser, TimeProvider clock, AuditTelemetry telemetry) : IRequestHandler<ImportCaseFiles, ImportResult>
{
    public static readonly string[] Columns = ["reference", "team", "serviceArea", "stage", "worker", "childAgeBand"];

    /// <summary>What a row can change on a case file already here (see <see cref="CaseFile.Update"/> and <see cref="CaseFile.LinkWorker"/>).</summary>
    private static readonly string[] UpdatedProperties =
        [nameof(CaseFile.TeamId), nameof(CaseFile.ServiceArea), nameof(CaseFile.Stage), nameof(CaseFile.AllocatedWorker), nameof(CaseFile.ChildAgeBand), nameof(CaseFile.WorkerUserName)];

    /// <summary>The allocated worker's sign-in, for workers who use the service; a file without the column leaves the links as they are.</summary>
    public const string WorkerUserNameColumn = "workerUserName";
    private const int MaxReferenceLength = 50;
    private const int MaxWorkerLength = 200;

    public async ValueTask<ImportResult> Handle(ImportCaseFiles request, CancellationToken cancellationToken)
    {
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var seen = new ReferencesSeen(db);
            return await telemetry.CountImportAsync("case_files", CsvImport.RunAsync(db, request.Csv, Columns, line => Read(line, teams, seen), WriteAsync, cancellationToken, [WorkerUserNameColumn]));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Row? Read(CsvLine line, Dictionary<string, Team> teams, ReferencesSeen seen)
    {
        var faulty = false;
        void Fault(string column, string problem)
        {
            line.Fault(column, problem);
            faulty = true;
        }

        string Field(string column) => line[column];

        var reference = Field("reference");
        if (reference.Length == 0 || reference.Length > MaxReferenceLength)
        {
            Fault("reference", $"A reference is 1 to {MaxReferenceLength} characters.");
        }
        else if (!seen.Add(reference))
        {
            Fault("reference", $"'{reference}' appears more than once in the file.");
        }

        if (!teams.TryGetValue(Field("team"), out var team))
        {
            Fault("team", $"There is no team named '{Field("team")}'.");
        }

        if (!Enum.TryParse<ServiceArea>(Field("serviceArea"), ignoreCase: true, out var area) || !Enum.IsDefined(area) || int.TryParse(Field("serviceArea"), out _))
        {
            Fault("serviceArea", $"'{Field("serviceArea")}' is not one of {string.Join(", ", Enum.GetNames<ServiceArea>())}.");
        }
        else if (team is not null && team.ServiceArea != area)
        {
            Fault("serviceArea", $"{team.Name} is a {team.ServiceArea} team, not {area}.");
        }

        if (!Enum.TryParse<Stage>(Field("stage"), ignoreCase: true, out var stage) || !Enum.IsDefined(stage) || int.TryParse(Field("stage"), out _))
        {
            Fault("stage", $"'{Field("stage")}' is not one of {string.Join(", ", Enum.GetNames<Stage>())}.");
        }

        var worker = Field("worker");
        if (worker.Length == 0 || worker.Length > MaxWorkerLength)
        {
            Fault("worker", $"The allocated worker is 1 to {MaxWorkerLength} characters.");
        }

        var workerUserName = line.Has(WorkerUserNameColumn) ? Field(WorkerUserNameColumn) : null;
        if (workerUserName is { Length: > 0 } && !CaseFile.IsWorkerUserName(workerUserName))
        {
            Fault(WorkerUserNameColumn, $"A worker's user name is up to {CaseFile.MaxWorkerUserNameLength} characters with no spaces; leave it empty when the worker does not use the service.");
        }

        if (ChildAgeBands.Parse(Field("childAgeBand")) is not { } ageBand)
        {
            Fault("childAgeBand", $"'{Field("childAgeBand")}' is not one of {string.Join(", ", ChildAgeBands.Accepted)}.");
            return null;
        }

        return !faulty ? new Row(reference, team!, stage, worker, ageBand, workerUserName) : null;
    }

    /// <summary>
    /// Looks the batch's case files up by reference, lets each case file decide whether the row changes it, and writes
    /// only the new and changed ones, each with its change record, through prepared commands in the import's
    /// transaction: nothing is tracked, so memory stays flat however long the file.
    /// </summary>
    private async Task<ImportResult> WriteAsync(IReadOnlyList<Row> batch, CancellationToken ct)
    {
        var references = batch.Select(r => r.Reference).ToList();
        var existing = await (db.Database.IsSqlite()
            // The batch's references go as one JSON parameter (json_each) rather than a parameter each, which cost EF
            // three times as long per batch as the query itself. INDEXED BY keeps SQLite probing the reference index
            // however stale its statistics: told the table is small (as at the first start), it scans the whole table
            // for every batch, and a 500,000-row import takes minutes instead of seconds.
            // The council's own case files only (references are unique within a council); EF's council filter applies too.
            ? db.CaseFiles.FromSqlRaw(
                "SELECT * FROM \"CaseFiles\" INDEXED BY \"IX_CaseFiles_CouncilId_Reference\" WHERE \"CouncilId\" = {0} AND \"Reference\" IN (SELECT value FROM json_each({1}))",
                db.CouncilId,
                JsonSerializer.Serialize(references))
            // PostgreSQL takes them as one array parameter (= ANY(@references)).
            : db.CaseFiles.Where(c => references.Contains(c.Reference)))
            .AsNoTracking()
            .ToDictionaryAsync(c => c.Reference, StringComparer.OrdinalIgnoreCase, ct);
        await using var insert = await db.PrepareInsertAsync<CaseFile>(ct);
        await using var update = await db.PrepareUpdateAsync<CaseFile>(UpdatedProperties, ct);
        await using var change = await db.PrepareInsertAsync<ChangeRecord>(ct);
        var (at, by) = (clock.GetUtcNow(), currentUser.UserName ?? "system");
        var (added, updated) = (0, 0);
        foreach (var row in batch)
        {
            string operation;
            if (!existing.TryGetValue(row.Reference, out var caseFile))
            {
                caseFile = new CaseFile(Guid.CreateVersion7(), row.Reference, row.Team, row.Stage, row.Worker, row.AgeBand);
                caseFile.LinkWorker(row.WorkerUserName);
                insert.Execute(caseFile);
                (operation, added) = (nameof(EntityState.Added), added + 1);
            }
            else if (caseFile.Update(row.Team, row.Stage, row.Worker, row.AgeBand) | (row.WorkerUserName is not null && caseFile.LinkWorker(row.WorkerUserName)))
            {
                update.Execute(caseFile);
                (operation, updated) = (nameof(EntityState.Modified), updated + 1);
            }
            else
            {
                continue;
            }

            change.Execute(new ChangeRecord { At = at, UserName = by, Entity = nameof(CaseFile), EntityKey = caseFile.Id.ToString(), Operation = operation });
        }

        return ImportResult.Of(batch.Count, added, updated);
    }

    /// <summary>
    /// The references read so far, to refuse one that appears twice in the file. They are kept in a temporary table on
    /// the import's connection (SQLite's temporary store, paged to disk; PostgreSQL's session-local temporary table),
    /// not in memory, so memory does not grow with the file; compared as <see cref="StringComparer.OrdinalIgnoreCase"/>
    /// does, by their upper case.
    /// </summary>
    private sealed class ReferencesSeen(AuditDbContext db) : IAsyncDisposable
    {
        private DbCommand? _add;

        // SQLite's temporary tables are in the schema "temp", PostgreSQL's in "pg_temp".
        private string Table => db.Database.IsSqlite() ? "temp.case_file_import_references" : "pg_temp.case_file_import_references";

        /// <summary>Answers false when the reference was seen before.</summary>
        public bool Add(string reference)
        {
            _add ??= Prepare();
            _add.Parameters[0].Value = reference.ToUpperInvariant();
            return _add.ExecuteNonQuery() == 1;
        }

        public async ValueTask DisposeAsync()
        {
            if (_add is not null)
            {
                await _add.DisposeAsync();
                await using var drop = db.Database.GetDbConnection().CreateCommand();
                drop.CommandText = $"DROP TABLE IF EXISTS {Table}";
                await drop.ExecuteNonQueryAsync();
            }
        }

        private DbCommand Prepare()
        {
            var connection = db.Database.GetDbConnection();
            using (var create = connection.CreateCommand())
            {
                create.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                create.CommandText = db.Database.IsSqlite()
                    ? $"CREATE TEMP TABLE IF NOT EXISTS {Table[5..]} (reference TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM {Table};"
                    : $"CREATE TEMP TABLE IF NOT EXISTS {Table[8..]} (reference text COLLATE \"C\" PRIMARY KEY); DELETE FROM {Table};";
                create.ExecuteNonQuery();
            }

            var add = connection.CreateCommand();
            add.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            add.CommandText = $"INSERT INTO {Table} (reference) VALUES (@reference) ON CONFLICT DO NOTHING";
            var parameter = add.CreateParameter();
            parameter.ParameterName = "@reference";
            parameter.DbType = System.Data.DbType.String; // PostgreSQL prepares a command only with its parameters' types.
            add.Parameters.Add(parameter);
            add.Prepare();
            return add;
        }
    }

    /// <summary><see cref="WorkerUserName"/> is null when the file has no such column, and empty to unlink the worker.</summary>
    private sealed record Row(string Reference, Team Team, Stage Stage, string Worker, ChildAgeBand AgeBand, string? WorkerUserName);
}
