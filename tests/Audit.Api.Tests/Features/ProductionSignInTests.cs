using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Audit.Api.Tests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Audit.Api.Tests.Features;

public sealed class ProductionSignInTests
{
    [Fact]
    public async Task OutsideDevelopmentTokensAreValidatedByTheConfiguredAuthority()
    {
        using var factory = new AuditApiFactory(environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = "",
            ["Auth:Authority"] = "https://login.example.invalid/council-tenant/v2.0",
            ["Auth:Audience"] = "api://voice-audit",
            ["Auth:NameClaim"] = "preferred_username",
            ["Auth:RoleClaim"] = "roles",
        });
        var client = factory.CreateClient();

        (await client.GetAsync("/api/audits")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/dev/users")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var jwt = factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        jwt.Authority.ShouldBe("https://login.example.invalid/council-tenant/v2.0");
        jwt.Audience.ShouldBe("api://voice-audit");
        jwt.TokenValidationParameters.NameClaimType.ShouldBe("preferred_username");
        jwt.TokenValidationParameters.RoleClaimType.ShouldBe("roles");
        jwt.TokenValidationParameters.IssuerSigningKey.ShouldBeNull();
    }

    [Fact]
    public void RefusesToStartOutsideDevelopmentWithNoWayToSignIn()
    {
        using var factory = new AuditApiFactory(environment: "Production", settings: new Dictionary<string, string?> { ["Auth:SigningKey"] = "" });

        Should.Throw<Exception>(() => factory.CreateClient()).ToString().ShouldContain("Auth:Authority");
    }

    [Fact]
    public async Task MapsTheIdentityProvidersRoleNamesToThisServicesRoles()
    {
        using var factory = new AuditApiFactory(settings: new Dictionary<string, string?>
        {
            ["Auth:NameClaim"] = "preferred_username",
            ["Auth:RoleClaim"] = "roles",
            ["Auth:RoleMap:Audit.Psw"] = "PrincipalSocialWorker",
        });
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "audit-api",
            Audience = "audit-api",
            Subject = new ClaimsIdentity([new Claim("preferred_username", "ada.winslow"), new Claim("roles", "Audit.Psw")]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AuditApiFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        (await client.GetAsync("/api/rounds/" + Guid.NewGuid())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/case-files")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
