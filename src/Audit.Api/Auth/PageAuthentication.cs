using System.Security.Claims;
using Audit.Domain.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Audit.Api.Auth;

/// <summary>How the pages may be signed into, as the sign-in page needs to know.</summary>
/// <param name="OpenIdConnect">The council's identity provider signs people in (Auth:Authority and Auth:ClientId are set).</param>
/// <param name="Demo">Development only: a list of demo people, one press each.</param>
/// <param name="Authority">The identity provider's issuer, with OpenID Connect.</param>
public sealed record PageSignIn(bool OpenIdConnect, bool Demo, string? Authority);

/// <summary>
/// Sign-in for the pages, apart from the API's. A policy scheme is the default: it forwards requests under /api to
/// the bearer scheme and every other request to the cookie scheme, so the API never accepts the page cookie and the
/// pages never accept a bearer token. The cookie is written by the development sign-in or by OpenID Connect (code
/// flow) with the council's identity provider, and carries the same claims a bearer token does (<see cref="PersonClaims"/>).
/// </summary>
public static partial class PageAuthentication
{
    public const string DefaultScheme = "BearerForApiCookieForPages";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OpenIdConnectScheme = OpenIdConnectDefaults.AuthenticationScheme;

    public const string SignInPath = "/sign-in";
    public const string SignOutPath = "/sign-out";
    public const string SignedOutPath = "/signed-out";

    /// <summary>The sign-in page's query parameter saying why a sign-in was refused, and its value for a council this service does not serve.</summary>
    public const string SignInProblem = "problem";
    public const string UnknownCouncilProblem = "unknown-council";

    /// <summary>The sign-in page's problem for a sign-in at the identity provider that did not finish (a stale or refused answer).</summary>
    public const string SignInFailedProblem = "not-finished";

    private const string UnknownCouncilItem = "Audit.UnknownCouncil";

    private static readonly Func<RedirectContext<CookieAuthenticationOptions>, Task> DefaultRedirectToLogin = new CookieAuthenticationEvents().OnRedirectToLogin;

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api");

    public static CookieSecurePolicy SecurePolicy(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <param name="demoSignIn">Whether the development sign-in may sign people in (Development, with a local signing key).</param>
    public static AuthenticationBuilder AddAuditPageSignIn(this AuthenticationBuilder builder, AuthOptions options, IHostEnvironment environment, bool demoSignIn)
    {
        var openIdConnect = !string.IsNullOrWhiteSpace(options.Authority) && !string.IsNullOrWhiteSpace(options.ClientId);
        builder.Services.AddSingleton(new PageSignIn(openIdConnect, demoSignIn && !openIdConnect, openIdConnect ? options.Authority : null));

        builder.AddPolicyScheme(DefaultScheme, "Bearer for /api, cookie for pages", policy =>
            policy.ForwardDefaultSelector = context => IsApi(context.Request.Path) ? JwtBearerDefaults.AuthenticationScheme : CookieScheme);

        builder.AddCookie(CookieScheme, cookie =>
        {
            // __Host- binds the cookie to this host and path over HTTPS; plain HTTP in Development cannot carry it.
            cookie.Cookie.Name = environment.IsDevelopment() ? "audit-session" : "__Host-audit-session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = SecurePolicy(environment);
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.IdleMinutes);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = SignInPath;
            cookie.LogoutPath = SignOutPath;
            cookie.Events = new CookieAuthenticationEvents
            {
                // A plain 403, which the status code pages show as "You cannot do this"; no redirect to a page of its own.
                OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },

                // A cookie naming a council the deployment no longer serves signs its holder out, and the sign-in page says why.
                OnValidatePrincipal = async context =>
                {
                    var tenancy = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Tenancy.TenancyOptions>>().CurrentValue;
                    if (!tenancy.Knows(context.Principal?.FindFirst(tenancy.Claim)?.Value))
                    {
                        context.RejectPrincipal();
                        context.HttpContext.Items[UnknownCouncilItem] = true;
                        await context.HttpContext.SignOutAsync(CookieScheme);
                    }
                },
                OnRedirectToLogin = context =>
                {
                    if (context.HttpContext.Items.ContainsKey(UnknownCouncilItem))
                    {
                        context.RedirectUri = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(context.RedirectUri, SignInProblem, UnknownCouncilProblem);
                    }

                    return DefaultRedirectToLogin(context);
                },
            };
        });

        if (openIdConnect)
        {
            builder.AddOpenIdConnect(OpenIdConnectScheme, oidc =>
            {
                oidc.Authority = options.Authority;
                oidc.ClientId = options.ClientId;
                oidc.ClientSecret = options.ClientSecret;
                oidc.RequireHttpsMetadata = options.RequireHttpsMetadata;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.UsePkce = true;
                oidc.MapInboundClaims = false;
                oidc.SaveTokens = false;
                oidc.SignInScheme = CookieScheme;
                oidc.SignedOutRedirectUri = SignedOutPath;
                oidc.NonceCookie.SecurePolicy = SecurePolicy(environment);
                oidc.CorrelationCookie.SecurePolicy = SecurePolicy(environment);
                oidc.TokenValidationParameters.NameClaimType = options.NameClaim;
                oidc.TokenValidationParameters.RoleClaimType = options.RoleClaim;
                oidc.Events = new OpenIdConnectEvents
                {
                    OnTokenValidated = context =>
                    {
                        var tenancy = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Tenancy.TenancyOptions>>().CurrentValue;
                        var person = context.Principal is null ? null : ToPerson(context.Principal, options, context.Scheme.Name, tenancy.Claim);
                        if (person is null)
                        {
                            context.Fail($"The identity provider's token has no '{options.NameClaim}' claim to name the person by.");
                        }
                        else if (!tenancy.Knows(person.FindFirst(tenancy.Claim)?.Value))
                        {
                            // Not signed in: the sign-in page says the council is not one this service serves (rather than trying again).
                            context.HandleResponse();
                            context.Response.Redirect($"{SignInPath}?{SignInProblem}={UnknownCouncilProblem}");
                        }
                        else
                        {
                            context.Principal = person;
                        }

                        return Task.CompletedTask;
                    },

                    // A stale or replayed answer (its correlation cookie gone), a refusal at the provider, a token that
                    // names nobody: the sign-in page says so and offers to start again, rather than an error page.
                    OnRemoteFailure = context =>
                    {
                        SignInDidNotFinish(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PageAuthentication)), context.Failure?.Message);
                        context.HandleResponse();
                        var back = context.Properties?.RedirectUri is { } wanted && wanted.StartsWith('/') && !wanted.StartsWith("//", StringComparison.Ordinal)
                            ? $"&returnUrl={Uri.EscapeDataString(wanted)}"
                            : "";
                        context.Response.Redirect($"{SignInPath}?{SignInProblem}={SignInFailedProblem}{back}");
                        return Task.CompletedTask;
                    },
                };
            });
        }

        return builder;
    }

    /// <summary>
    /// The identity provider's principal in this service's claim types, its roles mapped through Auth:RoleMap,
    /// or null without a user name.
    /// </summary>
    /// <param name="councilClaim">Tenancy:Claim: the identity provider's claim naming the person's council, which the cookie keeps.</param>
    public static ClaimsPrincipal? ToPerson(ClaimsPrincipal external, AuthOptions options, string authenticationType, string councilClaim = AuditClaims.Council)
    {
        if (external.Identity is not ClaimsIdentity identity || string.IsNullOrWhiteSpace(identity.Name))
        {
            return null;
        }

        PersonClaims.MapRoles(identity, options);
        var userName = identity.Name;
        var displayName = identity.FindFirst(AuditClaims.DisplayName)?.Value
            ?? (options.NameClaim == AuditClaims.UserName ? null : identity.FindFirst("name")?.Value)
            ?? userName;
        var roles = identity.FindAll(identity.RoleClaimType).Select(c => c.Value).Where(Role.IsKnown);
        Guid? teamId = Guid.TryParse(identity.FindFirst(AuditClaims.TeamId)?.Value, out var team) ? team : null;
        var council = identity.FindFirst(councilClaim)?.Value;
        return new ClaimsPrincipal(PersonClaims.Identity(PersonClaims.For(userName, displayName, roles, teamId, council, councilClaim), authenticationType));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in through the identity provider did not finish: {Reason}")]
    private static partial void SignInDidNotFinish(ILogger logger, string? reason);
}
