namespace Audit.Api.Tenancy;

/// <summary>Bound from the "Tenancy" section: which token claim names the signed-in person's council.</summary>
public sealed class TenancyOptions
{
    public const string Section = "Tenancy";

    /// <summary>The claim that holds the council's id. A token without it belongs to <see cref="CurrentCouncil.Default"/>.</summary>
    public string Claim { get; set; } = Auth.AuditClaims.Council;
}
