using System.Globalization;
using Audit.Api.Persistence;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Infrastructure;

/// <summary>What a good file did: of its <paramref name="Rows"/>, how many were added, updated and left unchanged.</summary>
public sealed record ImportResult(int Rows, int Added, int Updated, int Unchanged)
{
    public static readonly ImportResult None = new(0, 0, 0, 0);

    public ImportResult Add(ImportResult more) =>
        new(Rows + more.Rows, Added + more.Added, Updated + more.Updated, Unchanged + more.Unchanged);

    /// <summary>What a batch of <paramref name="rows"/> did, the rest of them unchanged.</summary>
    public static ImportResult Of(int rows, int added, int updated) => new(rows, added, updated, rows - added - updated);
}

/// <summary>One line of an import file as it is read: its fields by column, and its faults by column.</summary>
public sealed class CsvLine(CsvReader csv, List<ImportFault> faults)
{
    public long Number => csv.Parser.RawRow;

    /// <summary>The field under <paramref name="column"/>, trimmed; empty when it is missing.</summary>
    public string this[string column] => csv.GetField(column) ?? "";

    /// <summary>Whether the file's header has this (optional) column.</summary>
    public bool Has(string column) => csv.HeaderRecord?.Contains(column, StringComparer.Ordinal) == true;

    public void Fault(string column, string problem) => faults.Add(new ImportFault(Number, column, problem));
}

/// <summary>
/// The rules every CSV import keeps, in one place: the header must be exactly the import's columns; the file is
/// streamed and its good rows written a batch at a time inside one transaction, so it is never held in memory; every
/// fault is collected with its line and column; and any fault rolls the whole import back, so nothing is imported.
/// Each import says how to read one line (<c>read</c> answers null when the line has faults) and how to write a batch
/// (<c>write</c> saves it and says how many rows it added and updated).
/// </summary>
public static class CsvImport
{
    /// <summary>What an import's body is, for the OpenAPI document.</summary>
    public const string ContentType = "text/csv";

    public const int BatchSize = 1000;

    public static async Task<ImportResult> RunAsync<TRow>(
        AuditDbContext db,
        Stream file,
        IReadOnlyList<string> columns,
        Func<CsvLine, TRow?> read,
        Func<IReadOnlyList<TRow>, CancellationToken, Task<ImportResult>> write,
        CancellationToken ct,
        IReadOnlyList<string>? optionalColumns = null)
        where TRow : class
    {
        optionalColumns ??= [];
        var faults = new List<ImportFault>();
        var batch = new List<TRow>(BatchSize);
        var rows = 0;
        var written = ImportResult.None;

        await using var transaction = await db.BeginWriteTransactionAsync(ct);
        using var reader = new StreamReader(file);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = bad => faults.Add(new ImportFault(bad.Context.Parser?.RawRow ?? 0, "line", "A quote is out of place in this line.")),
        });

        if (!await csv.ReadAsync() || !csv.ReadHeader() || !HeaderIsRight(csv.HeaderRecord, columns, optionalColumns))
        {
            var optional = optionalColumns.Count == 0 ? "" : $", and may add {string.Join(',', optionalColumns)}";
            throw new ImportRejectedException([new ImportFault(1, "header", $"The first line must be the header {string.Join(',', columns)}{optional}.")]);
        }

        var line = new CsvLine(csv, faults);
        while (await csv.ReadAsync())
        {
            rows++;
            if (read(line) is { } row && faults.Count == 0)
            {
                batch.Add(row);
            }

            if (batch.Count == BatchSize)
            {
                written = written.Add(await WriteAsync(batch));
            }
        }

        if (rows == 0)
        {
            faults.Add(new ImportFault(2, columns[0], "The file has a header but no rows."));
        }

        if (faults.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            throw new ImportRejectedException(faults);
        }

        written = written.Add(await WriteAsync(batch));
        await transaction.CommitAsync(ct);
        if (db.Database.IsSqlite())
        {
            // An import can grow a table many times over: SQLite's planner is told (it re-analyses only tables that grew).
            // PostgreSQL's autovacuum re-analyses a table that grew by itself.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", ct);
        }

        return written;

        async Task<ImportResult> WriteAsync(List<TRow> rowsToWrite)
        {
            if (rowsToWrite.Count == 0)
            {
                return ImportResult.None;
            }

            var result = await write(rowsToWrite, ct);
            db.ChangeTracker.Clear();
            rowsToWrite.Clear();
            return result;
        }
    }

    private static bool HeaderIsRight(string[]? header, IReadOnlyList<string> columns, IReadOnlyList<string> optional) =>
        header is not null
        && header.Distinct(StringComparer.Ordinal).Count() == header.Length
        && columns.All(c => header.Contains(c, StringComparer.Ordinal))
        && header.All(h => columns.Contains(h, StringComparer.Ordinal) || optional.Contains(h, StringComparer.Ordinal));
}
