using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Audit.Domain.Audits;

/// <summary>
/// One line of an audit's append-only record: what happened, by whom, when. Each line carries a SHA-256 hash over
/// its content and the previous line's hash, so that a line changed or removed afterwards breaks the chain.
/// </summary>
public sealed class HistoryEntry
{
    private HistoryEntry()
    {
    }

    internal HistoryEntry(Guid auditId, int sequence, DateTimeOffset at, string by, string trigger, string fromState, string toState, string detail, string previousHash)
    {
        AuditId = auditId;
        Sequence = sequence;
        At = at;
        By = by;
        Trigger = trigger;
        FromState = fromState;
        ToState = toState;
        Detail = detail;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public long Id { get; private set; }
    public Guid AuditId { get; private set; }

    /// <summary>1 for an audit's first line, then one more for each line after it.</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset At { get; private set; }
    public string By { get; private set; } = "";
    public string Trigger { get; private set; } = "";
    public string FromState { get; private set; } = "";
    public string ToState { get; private set; } = "";
    public string Detail { get; private set; } = "";
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    /// <summary>The hash this line's content and predecessor give now; differs from <see cref="Hash"/> once the line is altered.</summary>
    public string ComputeHash()
    {
        var content = string.Join(
            '\u001f',
            AuditId.ToString("D"),
            Sequence.ToString(CultureInfo.InvariantCulture),
            At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            By,
            Trigger,
            FromState,
            ToState,
            Detail,
            PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}
