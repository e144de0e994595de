using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.CaseFiles;

/// <summary>
/// Imports the case-management system's CSV export, streamed: rows are checked and written a batch at a time
/// inside one transaction, so the file is never held in memory. A re-import updates case files by reference; a row
/// that says what its case file already says is counted unchanged and writes nothing. Any bad row rolls the whole
/// import back, and every fault is reported with its line and column.
/// </summary>
public sealed record ImportCaseFiles(Stream Csv) : IRequest<ImportResult>;

internal sealed class ImportCaseFilesHandler(AuditDbContext db) : IRequestHandler<ImportCaseFiles, ImportResult>
{
    public static readonly string[] Columns = ["reference", "team", "serviceArea", "stage", "worker", "childAgeBand"];

    /// <summary>The allocated worker's sign-in, for workers who use the service; a file without the column leaves the links as they are.</summary>
    public const string WorkerUserNameColumn = "workerUserName";
    private const int MaxReferenceLength = 50;
    private const int MaxWorkerLength = 200;

    public async ValueTask<ImportResult> Handle(ImportCaseFiles request, CancellationToken cancellationToken)
    {
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return await CsvImport.RunAsync(db, request.Csv, Columns, line => Read(line, teams, seen), WriteAsync, cancellationToken, [WorkerUserNameColumn]);
    }

    private static Row? Read(CsvLine line, Dictionary<string, Team> teams, HashSet<string> seen)
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

    private async Task<ImportResult> WriteAsync(IReadOnlyList<Row> batch, CancellationToken ct)
    {
        var references = batch.Select(r => r.Reference).ToList();
        var existing = await db.CaseFiles.Where(c => references.Contains(c.Reference)).ToDictionaryAsync(c => c.Reference, StringComparer.OrdinalIgnoreCase, ct);
        var (added, updated) = (0, 0);
        foreach (var row in batch)
        {
            if (!existing.TryGetValue(row.Reference, out var caseFile))
            {
                var created = new CaseFile(Guid.CreateVersion7(), row.Reference, row.Team, row.Stage, row.Worker, row.AgeBand);
                created.LinkWorker(row.WorkerUserName);
                db.CaseFiles.Add(created);
                added++;
            }
            else if (caseFile.Update(row.Team, row.Stage, row.Worker, row.AgeBand) | (row.WorkerUserName is not null && caseFile.LinkWorker(row.WorkerUserName)))
            {
                updated++;
            }
        }

        await db.SaveChangesAsync(ct);
        return ImportResult.Of(batch.Count, added, updated);
    }

    /// <summary><see cref="WorkerUserName"/> is null when the file has no such column, and empty to unlink the worker.</summary>
    private sealed record Row(string Reference, Team Team, Stage Stage, string Worker, ChildAgeBand AgeBand, string? WorkerUserName);
}
