namespace Audit.Api.Tenancy;

/// <summary>
/// Bound from the "Tenancy" section: which token claim names the signed-in person's council, and which councils this
/// deployment serves.
/// </summary>
public sealed class TenancyOptions
{
    public const string Section = "Tenancy";

    /// <summary>The claim that holds the council's id. A token without it belongs to <see cref="CurrentCouncil.Default"/>.</summary>
    public string Claim { get; set; } = Auth.AuditClaims.Council;

    /// <summary>
    /// The councils this deployment serves besides <see cref="CurrentCouncil.Default"/>, which it always serves (so a
    /// single-council deployment names none). A sign-in naming any other council is refused.
    /// </summary>
    public IList<string> Councils { get; } = [];

    /// <summary>Whether this deployment serves the council a claim names (none, or a blank one, is the default council).</summary>
    public bool Knows(string? councilId) =>
        CurrentCouncil.Normalise(councilId) is not { } id
        || id == CurrentCouncil.Default
        || Councils.Any(known => CurrentCouncil.Normalise(known) == id);
}
