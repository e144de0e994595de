using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Audit.Domain.Users;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Audit.Api.Auth;

public static class AuthSetup
{
    public static IServiceCollection AddAuditAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var unknownRoles = options.RoleMap.Values.Where(role => !Role.IsKnown(role)).ToList();
        if (unknownRoles.Count > 0)
        {
            throw new InvalidOperationException($"Auth:RoleMap names roles this service does not have: {string.Join(", ", unknownRoles)}.");
        }

        var key = string.IsNullOrWhiteSpace(options.Authority) ? SigningKey(options, environment) : null;
        if (key is not null)
        {
            var tenancy = configuration.GetSection(Tenancy.TenancyOptions.Section).Get<Tenancy.TenancyOptions>() ?? new Tenancy.TenancyOptions();
            services.AddSingleton(new TokenSigning(options, key, tenancy.Claim));
        }

        services.AddAuthentication(PageAuthentication.DefaultScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAudience = options.Audience,
                    NameClaimType = options.NameClaim,
                    RoleClaimType = options.RoleClaim,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
                if (key is null)
                {
                    jwt.Authority = options.Authority;
                    jwt.Audience = options.Audience;
                    jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
                }
                else
                {
                    jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
                    jwt.TokenValidationParameters.IssuerSigningKey = key;
                }

                jwt.Events = new JwtBearerEvents { OnTokenValidated = context => MapRoles(context, options) };
            })
            .AddAuditPageSignIn(options, environment, demoSignIn: environment.IsDevelopment() && key is not null);

        Permissions.AddPolicies(services.AddAuthorizationBuilder());
        return services;
    }

    /// <summary>
    /// Refuses (401) a token with a blank user name, one whose role claim names a role this service does not know, neither one of its own nor one
    /// Auth:RoleMap names, or one whose council claim names a council this deployment does not serve (Tenancy:Councils);
    /// otherwise adds this service's role for each identity-provider role the map names.
    /// </summary>
    private static Task MapRoles(TokenValidatedContext context, AuthOptions options)
    {
        if (context.Principal?.Identity is ClaimsIdentity identity)
        {
            if (string.IsNullOrWhiteSpace(identity.Name))
            {
                context.Fail($"The token has no user name in its {options.NameClaim} claim.");
                return Task.CompletedTask;
            }

            var unknown = PersonClaims.UnknownRoles(identity, options);
            if (unknown.Count > 0)
            {
                context.Fail($"The token names roles this service does not know: {string.Join(", ", unknown)}.");
                return Task.CompletedTask;
            }

            var tenancy = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Tenancy.TenancyOptions>>().CurrentValue;
            if (!tenancy.Knows(identity.FindFirst(tenancy.Claim)?.Value))
            {
                context.Fail("The token names a council this service does not serve.");
                return Task.CompletedTask;
            }

            PersonClaims.MapRoles(identity, options);
        }

        return Task.CompletedTask;
    }

    private static SymmetricSecurityKey SigningKey(AuthOptions options, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var bytes = Encoding.UTF8.GetBytes(options.SigningKey);
            if (bytes.Length < 32)
            {
                throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes long.");
            }

            return new SymmetricSecurityKey(bytes);
        }

        if (environment.IsDevelopment())
        {
            // A fresh key per run: development tokens stop working when the service restarts, which is what we want.
            return new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64));
        }

        throw new InvalidOperationException(
            "No sign-in is configured. Set Auth:Authority to your OpenID Connect issuer, or Auth:SigningKey (for example through the environment variable Auth__SigningKey) to a secret of at least 32 bytes.");
    }
}
