using System.Globalization;
using Audit.Api.Infrastructure;
using Audit.Api.Infrastructure.Telemetry;
using Audit.Api.Persistence;
using Audit.Domain.CaseFiles;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Evidence;

/// <summary>
/// Imports the participation app's monthly export (Mind of My Own is the common app): one row per case file and
/// month. The same rules as the case-file import (<see cref="CsvImport"/>): streamed, every fault by line and column,
/// nothing imported on a fault. A re-import of a case file's month updates it; a row that says what is already there
/// is counted unchanged and writes nothing. Every row written is recorded (who, when) with the change records.
/// </summary>
public sealed record ImportEvidence(Stream Csv) : IRequest<ImportResult>;

internal sealed class ImportEvidenceHandler(AuditDbContext db, AuditTelemetry telemetry) : IRequestHandler<ImportEvidence, ImportResult>
{
    public static readonly string[] Columns = ["reference", "month", "hasAccount", "statements", "statementsBeforeReview", "contributedToReview"];

    public async ValueTask<ImportResult> Handle(ImportEvidence request, CancellationToken cancellationToken)
    {
        var caseFiles = await db.CaseFiles.AsNoTracking()
            .Select(c => new { c.Reference, c.Id })
            .ToDictionaryAsync(c => c.Reference, c => c.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var seen = new HashSet<(Guid, string)>();
        return await telemetry.CountImportAsync("evidence", CsvImport.RunAsync(db, request.Csv, Columns, line => Read(line, caseFiles, seen), WriteAsync, cancellationToken));
    }

    private static Row? Read(CsvLine line, Dictionary<string, Guid> caseFiles, HashSet<(Guid, string)> seen)
    {
        var faulty = false;
        void Fault(string column, string problem)
        {
            line.Fault(column, problem);
            faulty = true;
        }

        var reference = line["reference"];
        if (!caseFiles.TryGetValue(reference, out var caseFileId))
        {
            Fault("reference", reference.Length == 0 ? "Give the case file's reference." : $"There is no case file with the reference '{reference}'.");
        }

        var month = line["month"];
        if (!ParticipationEvidence.IsMonth(month))
        {
            Fault("month", $"'{month}' is not a month written YYYY-MM, for example 2026-11.");
        }
        else if (caseFileId != Guid.Empty && !seen.Add((caseFileId, month)))
        {
            Fault("month", $"'{reference}' has {month} more than once in the file.");
        }

        var hasAccount = Boolean(line, "hasAccount", Fault);
        var statements = Count(line, "statements", Fault);
        var beforeReview = Count(line, "statementsBeforeReview", Fault);
        var contributed = Boolean(line, "contributedToReview", Fault);
        if (statements is { } all && beforeReview is { } before && before > all)
        {
            Fault("statementsBeforeReview", $"{before} statements before a review is more than the month's {all} statements.");
        }

        return faulty ? null : new Row(caseFileId, month, hasAccount!.Value, statements!.Value, beforeReview!.Value, contributed!.Value);
    }

    private static bool? Boolean(CsvLine line, string column, Action<string, string> fault)
    {
        switch (line[column])
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                fault(column, $"'{line[column]}' is not true or false.");
                return null;
        }
    }

    private static int? Count(CsvLine line, string column, Action<string, string> fault)
    {
        if (int.TryParse(line[column], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }

        fault(column, $"'{line[column]}' is not a whole number of 0 or more.");
        return null;
    }

    private async Task<ImportResult> WriteAsync(IReadOnlyList<Row> batch, CancellationToken ct)
    {
        var caseFileIds = batch.Select(r => r.CaseFileId).Distinct().ToList();
        var months = batch.Select(r => r.Month).Distinct().ToList();
        var existing = await db.ParticipationEvidence
            .Where(e => caseFileIds.Contains(e.CaseFileId) && months.Contains(e.Month))
            .ToDictionaryAsync(e => (e.CaseFileId, e.Month), ct);
        var (added, updated) = (0, 0);
        foreach (var row in batch)
        {
            if (!existing.TryGetValue((row.CaseFileId, row.Month), out var evidence))
            {
                db.ParticipationEvidence.Add(new ParticipationEvidence(
                    Guid.CreateVersion7(), row.CaseFileId, row.Month, row.HasAccount, row.Statements, row.StatementsBeforeReview, row.ContributedToReview));
                added++;
            }
            else if (evidence.Update(row.HasAccount, row.Statements, row.StatementsBeforeReview, row.ContributedToReview))
            {
                updated++;
            }
        }

        await db.SaveChangesAsync(ct);
        return ImportResult.Of(batch.Count, added, updated);
    }

    private sealed record Row(Guid CaseFileId, string Month, bool HasAccount, int Statements, int StatementsBeforeReview, bool ContributedToReview);
}
