using System.Globalization;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using CsvHelper;
using CsvHelper.Configuration;
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

/// <summary>What a good file did: of its <paramref name="Rows"/>, how many case files were added, updated and left unchanged.</summary>
public sealed record ImportResult(int Rows, int Added, int Updated, int Unchanged)
{
    public static readonly ImportResult None = new(0, 0, 0, 0);

    public ImportResult Add(ImportResult more) =>
        new(Rows + more.Rows, Added + more.Added, Updated + more.Updated, Unchanged + more.Unchanged);
}

internal sealed class ImportCaseFilesHandler(AuditDbContext db) : IRequestHandler<ImportCaseFiles, ImportResult>
{
    public static readonly string[] Columns = ["reference", "team", "serviceArea", "stage", "worker", "childAgeBand"];
    private const int BatchSize = 1000;
    private const int MaxReferenceLength = 50;
    private const int MaxWorkerLength = 200;

    public async ValueTask<ImportResult> Handle(ImportCaseFiles request, CancellationToken cancellationToken)
    {
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var faults = new List<ImportFault>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var batch = new List<Row>(BatchSize);
        var rows = 0;
        var written = ImportResult.None;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var reader = new StreamReader(request.Csv);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = bad => faults.Add(new ImportFault(bad.Context.Parser?.RawRow ?? 0, "line", "A quote is out of place in this line.")),
        });

        if (!await csv.ReadAsync() || !csv.ReadHeader() || !HeaderIsRight(csv.HeaderRecord))
        {
            throw new ImportRejectedException([new ImportFault(1, "header", $"The first line must be the header {string.Join(',', Columns)}.")]);
        }

        while (await csv.ReadAsync())
        {
            rows++;
            if (Read(csv, teams, seen, faults) is { } row && faults.Count == 0)
            {
                batch.Add(row);
            }

            if (batch.Count == BatchSize)
            {
                written = written.Add(await WriteAsync(batch, cancellationToken));
            }
        }

        if (rows == 0)
        {
            faults.Add(new ImportFault(2, "reference", "The file has a header but no rows."));
        }

        if (faults.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new ImportRejectedException(faults);
        }

        written = written.Add(await WriteAsync(batch, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private static bool HeaderIsRight(string[]? header) =>
        header is not null && header.Length == Columns.Length && Columns.All(c => header.Contains(c, StringComparer.Ordinal));

    private static Row? Read(CsvReader csv, Dictionary<string, Team> teams, HashSet<string> seen, List<ImportFault> faults)
    {
        var line = csv.Parser.RawRow;
        var before = faults.Count;
        void Fault(string column, string problem) => faults.Add(new ImportFault(line, column, problem));
        string Field(string column) => csv.GetField(column) ?? "";

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

        if (ChildAgeBands.Parse(Field("childAgeBand")) is not { } ageBand)
        {
            Fault("childAgeBand", $"'{Field("childAgeBand")}' is not one of {string.Join(", ", ChildAgeBands.Accepted)}.");
            return null;
        }

        return faults.Count == before ? new Row(reference, team!, stage, worker, ageBand) : null;
    }

    private async Task<ImportResult> WriteAsync(List<Row> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return ImportResult.None;
        }

        var references = batch.Select(r => r.Reference).ToList();
        var existing = await db.CaseFiles.Where(c => references.Contains(c.Reference)).ToDictionaryAsync(c => c.Reference, StringComparer.OrdinalIgnoreCase, ct);
        var (added, updated) = (0, 0);
        foreach (var row in batch)
        {
            if (!existing.TryGetValue(row.Reference, out var caseFile))
            {
                db.CaseFiles.Add(new CaseFile(Guid.CreateVersion7(), row.Reference, row.Team, row.Stage, row.Worker, row.AgeBand));
                added++;
            }
            else if (caseFile.Update(row.Team, row.Stage, row.Worker, row.AgeBand))
            {
                updated++;
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var result = new ImportResult(batch.Count, added, updated, batch.Count - added - updated);
        batch.Clear();
        return result;
    }

    private sealed record Row(string Reference, Team Team, Stage Stage, string Worker, ChildAgeBand AgeBand);
}
