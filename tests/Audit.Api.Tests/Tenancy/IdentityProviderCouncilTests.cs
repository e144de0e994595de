using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Audit.Api.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Audit.Api.Tests.Tenancy;

/// <summary>
/// The whole sign-in through the council's identity provider (authorisation code with PKCE), the provider played here:
/// its token endpoint answers the code with an ID token naming a council. A council the deployment does not serve is
/// refused after the exchange, and nobody is signed in; one it serves signs its person in.
/// </summary>
public sealed class IdentityProviderCouncilTests : IDisposable
{
    private readonly RsaSecurityKey _providerKey = new(RSA.Create(2048)) { KeyId = "provider-key" };
    private readonly TokenEndpoint _tokens;
    private readonly AuditApiFactory _factory;

    public IdentityProviderCouncilTests()
    {
        _tokens = new TokenEndpoint(_providerKey);
        _factory = IdentityProviderFactory.Create(
            UnknownCouncilTests.Serving("north"),
            (configuration, oidc) =>
            {
                configuration.SigningKeys.Add(_providerKey);
                oidc.Backchannel = new HttpClient(_tokens);
            });
    }

    public void Dispose()
    {
        _factory.Dispose();
        _tokens.Dispose();
    }

    [Fact]
    public async Task AfterTheCodeExchangeATokenNamingACouncilTheDeploymentDoesNotServeSignsNobodyInAndThePageSaysWhy()
    {
        using var browser = Browser();

        var callback = await SignInAsync(browser, council: "nowhere");

        _tokens.Exchanged.ShouldBe(1, "the code was exchanged at the provider's token endpoint");
        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        callback.Headers.Location!.OriginalString.ShouldBe("/sign-in?problem=unknown-council");
        SessionCookieSet(callback).ShouldBeFalse();
        (await GetWithCookies(browser, "/case-files", callback)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "still signed out");
    }

    [Fact]
    public async Task AfterTheCodeExchangeATokenNamingACouncilTheDeploymentServesSignsThePersonIn()
    {
        using var browser = Browser();

        var callback = await SignInAsync(browser, council: "North");

        _tokens.Exchanged.ShouldBe(1, _factory.Errors.Latest());
        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        callback.Headers.Location!.OriginalString.ShouldBe("/case-files");
        SessionCookieSet(callback).ShouldBeTrue();
        (await GetWithCookies(browser, "/case-files", callback)).StatusCode.ShouldBe(HttpStatusCode.OK, "signed in, in the north council");
    }

    [Fact]
    public async Task AnAnswerFromTheProviderThatMatchesNoSignInHereSaysTheSignInDidNotFinishAndOffersToStartAgain()
    {
        using var browser = Browser();
        var toProvider = await browser.GetAsync("/sign-in?returnUrl=/case-files");
        var authorize = QueryHelpers.ParseQuery(toProvider.Headers.Location!.Query);

        // The provider's answer arrives without the cookies the start of the sign-in set (left too long, another browser).
        using var stale = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "a-code", ["state"] = authorize["state"].ToString() });
        var callback = await browser.PostAsync("/signin-oidc", stale);

        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        callback.Headers.Location!.OriginalString.ShouldBe("/sign-in?problem=not-finished&returnUrl=%2Fcase-files");
        _tokens.Exchanged.ShouldBe(0, "nothing is exchanged for an answer that matches no sign-in");
        SessionCookieSet(callback).ShouldBeFalse();

        var page = await new Pages.Browser(_factory).GetOkAsync(callback.Headers.Location.OriginalString);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Your sign-in did not finish");
        page.QuerySelector("a.govuk-button")!.GetAttribute("href").ShouldBe("/sign-in?returnUrl=%2Fcase-files");
    }

    private HttpClient Browser()
    {
        // Cookies are carried by hand: the host's test clock stands still, so a cookie container would find them expired.
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return client;
    }

    /// <summary>Goes to the provider from a page, and comes back from it with a code (the provider's form post) once the person has signed in there.</summary>
    private async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string council)
    {
        var toProvider = await browser.GetAsync("/sign-in?returnUrl=/case-files");
        toProvider.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = QueryHelpers.ParseQuery(toProvider.Headers.Location!.Query);
        authorize["code_challenge_method"].ToString().ShouldBe("S256");
        _tokens.Person = new Dictionary<string, object>
        {
            ["sub"] = "provider-id-of-ada",
            ["name"] = DemoUsers.Psw,
            ["role"] = "PrincipalSocialWorker",
            ["council"] = council,
            ["nonce"] = authorize["nonce"].ToString(),
        };

        using var back = new HttpRequestMessage(HttpMethod.Post, new Uri(authorize["redirect_uri"].ToString()).PathAndQuery)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["code"] = "a-code-from-the-provider",
                ["state"] = authorize["state"].ToString(),
            }),
        };
        back.Headers.Add("Cookie", Cookies(toProvider));
        return await browser.SendAsync(back);
    }

    private static async Task<HttpResponseMessage> GetWithCookies(HttpClient browser, string url, HttpResponseMessage from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (Cookies(from) is { Length: > 0 } cookies)
        {
            request.Headers.Add("Cookie", cookies);
        }

        return await browser.SendAsync(request);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", (response.Headers.TryGetValues("Set-Cookie", out var set) ? set : []).Select(c => c.Split(';')[0]).Where(c => !c.EndsWith('=')));

    private static bool SessionCookieSet(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith("__Host-audit-session=", StringComparison.Ordinal) && !c.StartsWith("__Host-audit-session=;", StringComparison.Ordinal));

    /// <summary>The provider's token endpoint: answers a code with an ID token (and an access token) for <see cref="Person"/>.</summary>
    private sealed class TokenEndpoint(SecurityKey key) : HttpMessageHandler
    {
        public Dictionary<string, object> Person { get; set; } = [];

        public int Exchanged { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsoluteUri != IdentityProviderFactory.TokenEndpoint)
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }

            var form = QueryHelpers.ParseQuery(await request.Content!.ReadAsStringAsync(cancellationToken));
            form["grant_type"].ToString().ShouldBe("authorization_code");
            form["code_verifier"].ToString().ShouldNotBeNullOrEmpty("PKCE");
            Exchanged++;

            const string accessToken = "an-access-token";
            var claims = new Dictionary<string, object>(Person) { ["at_hash"] = AtHash(accessToken) };
            var now = DateTime.UtcNow;
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = IdentityProviderFactory.Authority,
                Audience = IdentityProviderFactory.ClientId,
                Claims = claims,
                Subject = new ClaimsIdentity(),
                IssuedAt = now,
                NotBefore = now.AddMinutes(-1),
                Expires = now.AddMinutes(5),
                SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            });
            var body = JsonSerializer.Serialize(new { id_token = idToken, access_token = accessToken, token_type = "Bearer", expires_in = 300 });
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }

        // The left half of the access token's SHA-256, base64url: OpenID Connect's at_hash for RS256.
        private static string AtHash(string accessToken) =>
            Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]);
    }
}
