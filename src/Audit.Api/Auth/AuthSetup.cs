using System.Security.Cryptography;
using System.Text;
using Audit.Domain.Users;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Audit.Api.Auth;

public static class AuthSetup
{
    public const string Staff = nameof(Staff);
    public const string Graders = nameof(Graders);
    public const string Managers = nameof(Managers);
    public const string DashboardReaders = nameof(DashboardReaders);

    public static IServiceCollection AddAuditAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var key = SigningKey(options, environment);
        services.AddSingleton(new TokenSigning(options, key));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = key,
                    NameClaimType = AuditClaims.UserName,
                    RoleClaimType = AuditClaims.Role,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Staff, p => p.RequireRole(Role.PrincipalSocialWorker, Role.Auditor, Role.TeamManager, Role.ServiceManager))
            .AddPolicy(Graders, p => p.RequireRole(Role.PrincipalSocialWorker, Role.Auditor))
            .AddPolicy(Managers, p => p.RequireRole(Role.PrincipalSocialWorker, Role.TeamManager, Role.ServiceManager))
            .AddPolicy(DashboardReaders, p => p.RequireRole(Role.PrincipalSocialWorker, Role.Auditor, Role.TeamManager, Role.ServiceManager))
            .AddPolicy(Role.PrincipalSocialWorker, p => p.RequireRole(Role.PrincipalSocialWorker));
        return services;
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
            "No token signing key is configured. Set Auth:SigningKey (for example through the environment variable Auth__SigningKey) to a secret of at least 32 bytes.");
    }
}
