namespace Audit.Api.Auth;

/// <summary>The claim types this service reads from a bearer token.</summary>
public static class AuditClaims
{
    public const string UserName = "name";
    public const string DisplayName = "display_name";
    public const string Role = "role";
    public const string TeamId = "team_id";

    /// <summary>The council the person belongs to: the default of Tenancy:Claim.</summary>
    public const string Council = "council";
}
