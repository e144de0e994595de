using Audit.Api.Auth;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Audit.Api.Tests.Support;

/// <summary>
/// A production host whose pages sign in through a council's identity provider (OpenID Connect), its discovery
/// document given here so that nothing is fetched: what a page does before the provider answers.
/// </summary>
public static class IdentityProviderFactory
{
    public const string Authority = "https://login.example.invalid/council-tenant/v2.0";

    public const string AuthorizationEndpoint = "https://login.example.invalid/council-tenant/authorize";

    public const string ClientId = "voice-audit-pages";

    public const string TokenEndpoint = "https://login.example.invalid/council-tenant/token";

    /// <param name="settings">More settings for the host.</param>
    /// <param name="provider">Adds to the provider's discovery document (its signing keys) and to the options (a backchannel answering its token endpoint).</param>
    public static AuditApiFactory Create(IReadOnlyDictionary<string, string?>? settings = null, Action<OpenIdConnectConfiguration, OpenIdConnectOptions>? provider = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = "",
            ["Auth:Authority"] = Authority,
            ["Auth:ClientId"] = ClientId,
            ["Auth:ClientSecret"] = "not-a-real-secret",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new(
            environment: "Production",
            settings: all,
            configureServices: services => services.PostConfigure<OpenIdConnectOptions>(PageAuthentication.OpenIdConnectScheme, oidc =>
            {
                var configuration = new OpenIdConnectConfiguration
                {
                    Issuer = Authority,
                    AuthorizationEndpoint = AuthorizationEndpoint,
                    TokenEndpoint = TokenEndpoint,
                    EndSessionEndpoint = "https://login.example.invalid/council-tenant/logout",
                };
                provider?.Invoke(configuration, oidc);
                oidc.Configuration = configuration;
                oidc.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
            }));
    }
}
