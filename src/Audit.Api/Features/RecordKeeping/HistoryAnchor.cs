using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Audit.Api.Features.RecordKeeping;

/// <summary>One audit's history head at the moment of anchoring: how many lines it had and the newest line's hash.</summary>
public sealed record AnchoredHead(Guid AuditId, int Length, string Head)
{
    /// <summary>Every audit's head as it stands, read from the audits alone.</summary>
    public static IQueryable<AnchoredHead> Of(IQueryable<Audit.Domain.Audits.CaseFileAudit> audits) =>
        audits.Select(a => new AnchoredHead(a.Id, a.HistoryLength, a.HistoryHead));

    /// <summary>A moment as backup and anchor file names carry it: sortable, to the millisecond, UTC.</summary>
    public static string FileStamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// A signed statement of every audit's history head at one moment, kept outside the database. A chain can be rewritten
/// whole by someone with the database (recomputing every hash), but not so as to match a head written here before.
/// The digest is SHA-256 over one line per audit, "id length head", in id order; the signature is ECDSA P-256 over the
/// digest, checkable with the public key written beside it (for example with openssl).
/// </summary>
public sealed record HistoryAnchor(DateTimeOffset WrittenAt, IReadOnlyList<AnchoredHead> Heads, string Digest, string Signature, string PublicKey)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public const string FilePrefix = "history-anchor-";

    public static HistoryAnchor Sign(DateTimeOffset at, IEnumerable<AnchoredHead> heads, ECDsa key)
    {
        var ordered = heads.OrderBy(h => h.AuditId).ToList();
        var digest = DigestOf(at, ordered);
        var signature = key.SignHash(digest);
        return new HistoryAnchor(at, ordered, Convert.ToHexStringLower(digest), Convert.ToBase64String(signature), key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>Whether the heads are the ones signed, and signed by the key given (not merely the one written in the file).</summary>
    public bool IsSignedBy(ECDsa key)
    {
        var digest = DigestOf(WrittenAt, Heads);
        try
        {
            return Convert.ToHexStringLower(digest) == Digest && key.VerifyHash(digest, Convert.FromBase64String(Signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Named by time, then digest: two anchors of one moment differ in name unless they are the same anchor.</summary>
    public string FileName => $"{FilePrefix}{AnchoredHead.FileStamp(WrittenAt)}-{Digest[..12]}.json";

    public async Task WriteToAsync(string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var partial = path + ".partial";
        await using (var stream = File.Create(partial))
        {
            await JsonSerializer.SerializeAsync(stream, this, Json, ct);
        }

        // A reader never sees half an anchor: the file appears whole or not at all. The same anchor written twice is
        // the same file.
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The newest anchor in the folder, or null if none has been written.</summary>
    public static async Task<HistoryAnchor?> NewestInAsync(string folder, CancellationToken ct)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var newest = Directory.EnumerateFiles(folder, FilePrefix + "*.json").Order(StringComparer.Ordinal).LastOrDefault();
        if (newest is null)
        {
            return null;
        }

        await using var stream = File.OpenRead(newest);
        return await JsonSerializer.DeserializeAsync<HistoryAnchor>(stream, Json, ct)
            ?? throw new InvalidDataException($"The anchor {Path.GetFileName(newest)} is empty.");
    }

    private static byte[] DigestOf(DateTimeOffset at, IEnumerable<AnchoredHead> heads)
    {
        var text = new StringBuilder();
        text.Append(at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        foreach (var head in heads)
        {
            text.Append(head.AuditId.ToString("D")).Append(' ')
                .Append(head.Length.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(head.Head).Append('\n');
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
