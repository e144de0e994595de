namespace Audit.Api.Auth;

/// <summary>
/// Bound from the "Auth" section. Outside Development a signing key (at least 32 bytes, from a secret store or the
/// environment: Auth__SigningKey) is required; none is committed to the repository.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "audit-api";
    public string Audience { get; set; } = "audit-api";
    public string? SigningKey { get; set; }
    public int TokenLifetimeMinutes { get; set; } = 480;
}
