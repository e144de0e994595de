using Audit.Api.Persistence;
using Audit.Api.Tenancy;
using Audit.Domain.Audits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.RecordKeeping;

/// <summary>Checks every audit's history chain, and every head against the newest anchor written outside the database.</summary>
public sealed record VerifyRecord : IRequest<RecordVerification>;

/// <summary>One audit whose record does not hold, and why.</summary>
public sealed record RecordProblem(Guid AuditId, string Problem);

public sealed record RecordVerification(
    bool Holds, int Audits, int HistoryLines, DateTimeOffset? AnchoredAt, string? AnchorProblem, IReadOnlyList<RecordProblem> Problems);

/// <summary>
/// Reads the history once, in audit and line order, without tracking; each audit's lines are checked as they arrive
/// (<see cref="HistoryChainCheck"/>), then its line at the anchored length must still carry the anchored hash: a chain
/// that has grown since extends what was anchored, and one rewritten whole, however consistent, does not.
/// </summary>
internal sealed class VerifyRecordHandler(AuditDbContext db, RecordKeepingPaths paths) : IRequestHandler<VerifyRecord, RecordVerification>
{
    public async ValueTask<RecordVerification> Handle(VerifyRecord request, CancellationToken cancellationToken)
    {
        var audits = await AnchoredHead.Of(db.Audits.AsNoTracking()).ToDictionaryAsync(a => a.AuditId, cancellationToken);
        var (anchor, anchorProblem) = await NewestAnchorAsync(cancellationToken);
        var anchored = anchor?.Heads.ToDictionary(h => h.AuditId) ?? [];
        var problems = new List<RecordProblem>();
        var lines = 0;
        var checkedAudits = new HashSet<Guid>();

        var current = new List<HistoryEntry>();
        await foreach (var entry in db.History.AsNoTracking().OrderBy(h => h.AuditId).ThenBy(h => h.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            lines++;
            if (current.Count > 0 && current[0].AuditId != entry.AuditId)
            {
                Check(current);
                current.Clear();
            }

            current.Add(entry);
        }

        if (current.Count > 0)
        {
            Check(current);
        }

        foreach (var audit in audits.Values.Where(a => !checkedAudits.Contains(a.AuditId)))
        {
            Check([], audit.AuditId);
        }

        // The anchor holds every council's audits; one is missing only when no council has it.
        var everyCouncils = anchored.Count == 0 ? [] : (await db.Audits.InEveryCouncil().Select(a => a.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var missing in anchored.Keys.Where(id => !audits.ContainsKey(id) && !everyCouncils.Contains(id)))
        {
            problems.Add(new RecordProblem(missing, "The audit was in the anchor but is no longer in the database."));
        }

        return new RecordVerification(problems.Count == 0 && anchorProblem is null, audits.Count, lines, anchor?.WrittenAt, anchorProblem, problems);

        void Check(List<HistoryEntry> history, Guid? auditId = null)
        {
            var id = auditId ?? history[0].AuditId;
            checkedAudits.Add(id);
            if (!audits.TryGetValue(id, out var audit))
            {
                problems.Add(new RecordProblem(id, "History lines belong to an audit that is not in the database."));
                return;
            }

            var chain = HistoryChainCheck.Verify(history, audit.Head, audit.Length);
            if (!chain.Holds)
            {
                problems.Add(new RecordProblem(id, chain.Problem!));
            }
            else if (anchored.TryGetValue(id, out var then) && then.Length > 0
                && (then.Length > history.Count || history[then.Length - 1].Hash != then.Head))
            {
                problems.Add(new RecordProblem(id, $"Its history no longer matches the anchor of {anchor!.WrittenAt:u}: line {then.Length} has been rewritten or removed."));
            }
        }
    }

    private async Task<(HistoryAnchor? Anchor, string? Problem)> NewestAnchorAsync(CancellationToken ct)
    {
        HistoryAnchor? anchor;
        try
        {
            anchor = await HistoryAnchor.NewestInAsync(paths.AnchorFolder, ct);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException or FormatException)
        {
            return (null, $"The newest anchor cannot be read: {ex.Message}");
        }

        if (anchor is null)
        {
            return (null, null);
        }

        if (!File.Exists(paths.AnchorKeyFile))
        {
            return (null, "The anchor signing key is missing, so the newest anchor cannot be checked.");
        }

        using var key = AnchorSigningKey.LoadOrCreate(paths.AnchorKeyFile);
        return anchor.IsSignedBy(key)
            ? (anchor, null)
            : (null, $"The newest anchor ({anchor.FileName}) does not verify against the signing key: it has been altered.");
    }
}
