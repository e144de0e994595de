namespace Audit.Domain.Audits;

/// <summary>Whether an audit's history is whole: every line in sequence, each hash matching its content and predecessor.</summary>
public sealed record HistoryChainCheck(bool Holds, int Entries, int? FirstBrokenSequence, string? Problem)
{
    public static HistoryChainCheck Verify(IEnumerable<HistoryEntry> history, string head, int length)
    {
        var previousHash = "";
        var expected = 1;
        foreach (var entry in history.OrderBy(h => h.Sequence))
        {
            var problem =
                entry.Sequence != expected ? $"line {expected} is missing; the next line is {entry.Sequence}."
                : entry.PreviousHash != previousHash ? "it does not follow from the line before it."
                : entry.ComputeHash() != entry.Hash ? "its content has changed since it was written."
                : null;
            if (problem is not null)
            {
                return new HistoryChainCheck(false, expected - 1, expected, $"Line {expected}: {problem}");
            }

            previousHash = entry.Hash;
            expected++;
        }

        return previousHash == head && expected - 1 == length
            ? new HistoryChainCheck(true, expected - 1, null, null)
            : new HistoryChainCheck(false, expected - 1, expected, $"Line {expected}: the audit's newest line is missing.");
    }
}
