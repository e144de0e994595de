using System.Security.Claims;
using Audit.Domain.Users;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Audit.Api.Auth;

/// <summary>Issues the bearer tokens this service accepts. Used by the development sign-in only.</summary>
public sealed class TokenSigning(AuthOptions options, SecurityKey key, string councilClaim)
{
    public string IssueFor(StaffMember member, string council, DateTimeOffset now) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(PersonClaims.For(member, council, councilClaim)),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddMinutes(options.TokenLifetimeMinutes).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
}
