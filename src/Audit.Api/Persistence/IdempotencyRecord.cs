namespace Audit.Api.Persistence;

/// <summary>
/// A POST sent with an <c>Idempotency-Key</c>: by whom, with which key, a hash of the request, and once it has been
/// answered, the answer (status, content type, location and body) that a repeat gets back instead of running again.
/// Without an answer yet, the row is the claim that keeps a concurrent duplicate from running at the same time.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 200;

    public required string UserName { get; init; }
    public required string Key { get; init; }

    /// <summary>SHA-256 of the method, path, query and body, in hex: a repeat with another body is refused.</summary>
    public required string RequestHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>After this the key is forgotten: a request with it runs afresh.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The answer's status; null while the first request is still running.</summary>
    public int? Status { get; set; }

    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[]? Body { get; set; }
}
