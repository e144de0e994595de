namespace Audit.Api.Auth;

/// <summary>
/// Bound from the "Auth" section. Either an OpenID Connect <see cref="Authority"/> (a council's identity provider,
/// such as an Entra ID tenant) validates tokens, or, without one, a local <see cref="SigningKey"/> does. Outside
/// Development one of the two is required; no key is committed to the repository.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The OpenID Connect issuer, for example https://login.microsoftonline.com/{tenant}/v2.0.</summary>
    public string? Authority { get; set; }

    public string Issuer { get; set; } = "audit-api";
    public string Audience { get; set; } = "audit-api";

    /// <summary>At least 32 bytes, from a secret store or the environment (Auth__SigningKey). Used only without an authority.</summary>
    public string? SigningKey { get; set; }

    public int TokenLifetimeMinutes { get; set; } = 480;

    /// <summary>The claim that holds the user name (Entra ID: preferred_username).</summary>
    public string NameClaim { get; set; } = AuditClaims.UserName;

    /// <summary>The claim that holds roles (Entra ID app roles: roles).</summary>
    public string RoleClaim { get; set; } = AuditClaims.Role;

    /// <summary>The identity provider's role values mapped to this service's roles, for example "Audit.Psw": "PrincipalSocialWorker".</summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The pages' client at the <see cref="Authority"/> (OpenID Connect code flow). Pages sign in only when this is set.</summary>
    public string? ClientId { get; set; }

    /// <summary>From a secret store or the environment (Auth__ClientSecret); never committed.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A page sign-in ends after this many minutes without a request.</summary>
    public int IdleMinutes { get; set; } = 20;
}
