using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Audit.Api.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Audit.Api.Tests.Features;

/// <summary>The bearer tokens the API refuses: each answers 401, and the same token made properly answers 200.</summary>
public sealed class TokenTests : IDisposable
{
    private static readonly SymmetricSecurityKey ServiceKey = new(Encoding.UTF8.GetBytes(AuditApiFactory.SigningKey));

    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AcceptsAProperlyMadeTokenSoThatTheRefusalsBelowAreTheirOwn()
    {
        (await GetCaseFilesWith(Token())).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RefusesAnUnsignedTokenWithAlgNone()
    {
        var header = Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var expires = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        var payload = Base64Url(
            $"{{\"name\":\"{DemoUsers.Psw}\",\"role\":\"PrincipalSocialWorker\",\"iss\":\"audit-api\",\"aud\":\"audit-api\",\"exp\":{expires}}}");

        (await GetCaseFilesWith($"{header}.{payload}.")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefusesATokenSignedWithAnotherKey()
    {
        var otherKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-signing-key-of-at-least-32-bytes-long"));

        (await GetCaseFilesWith(Token(key: otherKey))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefusesAnExpiredToken()
    {
        var issued = DateTime.UtcNow.AddHours(-2);

        (await GetCaseFilesWith(Token(notBefore: issued, expires: issued.AddHours(1)))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefusesATokenForAnotherAudience()
    {
        (await GetCaseFilesWith(Token(audience: "another-api"))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefusesATokenFromAnotherIssuer()
    {
        (await GetCaseFilesWith(Token(issuer: "someone-else"))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefusesATokenWhoseRoleClaimNamesARoleTheServiceDoesNotKnow()
    {
        (await GetCaseFilesWith(Token(roles: ["PrincipalSocialWorker", "Administrator"]))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task RefusesATokenWithABlankUserName(string userName)
    {
        (await GetCaseFilesWith(Token(userName: userName))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AcceptsAnIdentityProviderRoleThatTheRoleMapNames()
    {
        using var factory = new AuditApiFactory(settings: new Dictionary<string, string?> { ["Auth:RoleMap:Audit.Psw"] = "PrincipalSocialWorker" });

        (await GetCaseFilesWith(Token(roles: ["Audit.Psw"]), factory)).ShouldBe(HttpStatusCode.OK);
        (await GetCaseFilesWith(Token(roles: ["Audit.Psw", "Audit.Unknown"]), factory)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static string Token(
        SecurityKey? key = null,
        string issuer = "audit-api",
        string audience = "audit-api",
        DateTime? notBefore = null,
        DateTime? expires = null,
        IReadOnlyList<string>? roles = null,
        string userName = DemoUsers.Psw)
    {
        var claims = new List<Claim> { new("name", userName) };
        claims.AddRange((roles ?? ["PrincipalSocialWorker"]).Select(role => new Claim("role", role)));
        var from = notBefore ?? DateTime.UtcNow.AddMinutes(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = from,
            NotBefore = from,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(key ?? ServiceKey, SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task<HttpStatusCode> GetCaseFilesWith(string token, AuditApiFactory? factory = null)
    {
        using var client = (factory ?? _factory).CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/case-files");
        return response.StatusCode;
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(json);
}
