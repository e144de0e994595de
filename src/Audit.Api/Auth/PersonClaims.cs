using System.Security.Claims;
using Audit.Domain.Users;

namespace Audit.Api.Auth;

/// <summary>
/// The one place that builds a person's claims, in the types of <see cref="AuditClaims"/>: for the bearer tokens the
/// development sign-in issues and for the cookie a page sign-in writes, so that <c>ICurrentUser</c> reads both alike.
/// </summary>
public static class PersonClaims
{
    /// <param name="council">The person's council, written as <paramref name="councilClaim"/> (Tenancy:Claim); none for the default council.</param>
    public static IReadOnlyList<Claim> For(
        string userName, string displayName, IEnumerable<string> roles, Guid? teamId, string? council = null, string councilClaim = AuditClaims.Council)
    {
        var claims = new List<Claim>
        {
            new(AuditClaims.UserName, userName),
            new(AuditClaims.DisplayName, displayName),
        };
        claims.AddRange(roles.Distinct(StringComparer.Ordinal).Select(role => new Claim(AuditClaims.Role, role)));
        if (teamId is { } team)
        {
            claims.Add(new Claim(AuditClaims.TeamId, team.ToString()));
        }

        if (Tenancy.CurrentCouncil.Normalise(council) is { } councilId && councilId != Tenancy.CurrentCouncil.Default)
        {
            claims.Add(new Claim(councilClaim, councilId));
        }

        return claims;
    }

    public static IReadOnlyList<Claim> For(StaffMember member, string council, string councilClaim) =>
        For(member.UserName, member.DisplayName, member.Roles, member.TeamId, council, councilClaim);

    /// <summary>An identity whose name and role claim types are this service's own.</summary>
    public static ClaimsIdentity Identity(IEnumerable<Claim> claims, string authenticationType) =>
        new(claims, authenticationType, AuditClaims.UserName, AuditClaims.Role);

    /// <summary>The role claims that name neither one of this service's roles nor an identity-provider role Auth:RoleMap maps.</summary>
    public static IReadOnlyList<string> UnknownRoles(ClaimsIdentity identity, AuthOptions options) =>
        identity.FindAll(identity.RoleClaimType)
            .Select(claim => claim.Value)
            .Where(role => !Role.IsKnown(role) && !options.RoleMap.ContainsKey(role))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Adds this service's role for each identity-provider role named in Auth:RoleMap (bearer tokens and OpenID Connect alike).</summary>
    public static void MapRoles(ClaimsIdentity identity, AuthOptions options)
    {
        if (options.RoleMap.Count == 0)
        {
            return;
        }

        var mapped = identity.FindAll(identity.RoleClaimType)
            .Select(claim => options.RoleMap.GetValueOrDefault(claim.Value))
            .OfType<string>()
            .Where(role => !identity.HasClaim(identity.RoleClaimType, role))
            .Distinct()
            .ToList();
        identity.AddClaims(mapped.Select(role => new Claim(identity.RoleClaimType, role)));
    }

    /// <summary>A role in plain words, as the pages show it.</summary>
    public static string Describe(string role) => role switch
    {
        Role.PrincipalSocialWorker => "Principal social worker",
        Role.Auditor => "Auditor",
        Role.YoungAssessor => "Young assessor",
        Role.TeamManager => "Team manager",
        Role.ServiceManager => "Service manager",
        Role.Practitioner => "Social worker",
        _ => role,
    };
}
