using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Audit.Api.Infrastructure;
using Audit.Api.Tenancy;
using Audit.Api.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Audit.Api.Tests.Tenancy;

/// <summary>
/// A deployment serves the default council and those Tenancy:Councils names ("north" here). A token, a demo sign-in or a
/// page cookie naming any other council is refused, and nothing is read or written in it.
/// </summary>
public sealed class UnknownCouncilTests : IDisposable
{
    private const string North = "north";
    private const string Nowhere = "nowhere";

    private readonly AuditApiFactory _factory = new(settings: Serving(North));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ATokenNamingACouncilTheDeploymentDoesNotServeIsRefusedAsProblemDetailsAndWritesNothing()
    {
        await _factory.SeedCouncilAsync(North);
        using var client = _factory.CreateClient();
        (await SendWith(client, Token(North), HttpMethod.Get, "/api/case-files")).StatusCode.ShouldBe(HttpStatusCode.OK, "a council it serves");
        (await SendWith(client, Token(null), HttpMethod.Get, "/api/case-files")).StatusCode.ShouldBe(HttpStatusCode.OK, "no claim: the default council");

        var read = await SendWith(client, Token(Nowhere), HttpMethod.Get, "/api/case-files");
        read.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        read.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var write = await SendWith(client, Token(Nowhere), HttpMethod.Post, "/api/templates", new
        {
            name = "Template of nowhere",
            criteria = new object[] { new { title = "A criterion", guidance = "Guidance", plainWords = "Plain words" } },
            target = new { atLeast = "Good", percent = 70 },
            graders = new[] { "Auditor" },
        });
        write.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _factory.WithDbAsync(db => db.Templates.InEveryCouncil().CountAsync(t => EF.Property<string>(t, CouncilModel.Property) == Nowhere))).ShouldBe(0);
        (await _factory.WithDbAsync(db => db.ChangeRecords.InEveryCouncil().CountAsync(c => EF.Property<string>(c, CouncilModel.Property) == Nowhere))).ShouldBe(0);
    }

    [Fact]
    public async Task TheDemoTokenEndpointRefusesACouncilTheDeploymentDoesNotServe()
    {
        using var client = _factory.CreateClient();

        var refused = await client.PostAsJsonAsync("/api/dev/token", new { userName = DemoUsers.Psw, council = Nowhere });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        problem["errors"]!["council"]![0]!.GetValue<string>().ShouldContain("does not serve");
    }

    [Fact]
    public async Task TheSignInPageSaysACouncilTheDeploymentDoesNotServeCannotSignInAndSignsNobodyIn()
    {
        var browser = new Pages.Browser(_factory);

        var page = await browser.GetOkAsync($"/sign-in?council={Nowhere}");

        Pages.Browser.Text(page).ShouldContain("You cannot sign in to this service");
        page.QuerySelector(".govuk-error-summary")!.TextContent.ShouldContain("does not serve");
        page.QuerySelectorAll("button").ShouldBeEmpty("nobody of that council is listed to sign in as");

        // Sending the form anyway signs nobody in.
        var northPage = await browser.GetOkAsync($"/sign-in?council={North}");
        var form = northPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = DemoUsers.Psw, ["council"] = Nowhere, ["returnUrl"] = "/", ["__RequestVerificationToken"] = form,
        });
        var posted = await browser.Http.PostAsync("/sign-in", post);
        posted.StatusCode.ShouldBe(HttpStatusCode.OK, "the page again, saying why");
        posted.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await browser.Http.GetAsync("/case-files")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "still signed out");
    }

    [Fact]
    public async Task ACookieOfACouncilTheDeploymentNoLongerServesSignsItsHolderOutAndTheSignInPageSaysWhy()
    {
        await _factory.SeedCouncilAsync(North);
        var browser = new Pages.Browser(_factory);
        var signedIn = await browser.PressAsync(await browser.GetOkAsync($"/sign-in?council={North}"), "Ada Winslow", "/sign-in");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("audit-session=", StringComparison.Ordinal));
        (await GetWithCookie(_factory, cookie, "/case-files")).StatusCode.ShouldBe(HttpStatusCode.OK, "north is served here");

        // Another instance on the same database (its keys shared), set up without north.
        using var other = new AuditApiFactory(folder: _factory.Folder, settings: new Dictionary<string, string?>
        {
            ["Timers:RunInBackground"] = "false",
            ["Notifications:DispatchInBackground"] = "false",
        });
        var refused = await GetWithCookie(other, cookie, "/case-files");

        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var to = refused.Headers.Location!.OriginalString;
        to.ShouldContain("/sign-in");
        to.ShouldContain("problem=unknown-council");
        var page = await new Pages.Browser(other).GetOkAsync(to[to.IndexOf("/sign-in", StringComparison.Ordinal)..]);
        Pages.Browser.Text(page).ShouldContain("You cannot sign in to this service");
    }

    [Fact]
    public async Task WithTheCouncilsIdentityProviderTheSignInPageSaysTheCouncilIsNotServedRatherThanGoingBackThere()
    {
        using var factory = IdentityProviderFactory.Create();
        var browser = new Pages.Browser(factory);

        (await browser.Http.GetAsync("/sign-in")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "to the identity provider");
        var page = await browser.GetOkAsync($"/sign-in?{Audit.Api.Auth.PageAuthentication.SignInProblem}={Audit.Api.Auth.PageAuthentication.UnknownCouncilProblem}");

        Pages.Browser.Text(page).ShouldContain("You cannot sign in to this service");
        page.QuerySelector(".govuk-error-summary")!.TextContent.ShouldContain("does not serve");
    }

    /// <summary>Factory settings for a deployment that serves these councils besides the default, its runners driven by hand.</summary>
    public static Dictionary<string, string?> Serving(params string[] councils)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Timers:RunInBackground"] = "false",
            ["Notifications:DispatchInBackground"] = "false",
        };
        for (var i = 0; i < councils.Length; i++)
        {
            settings[$"Tenancy:Councils:{i}"] = councils[i];
        }

        return settings;
    }

    private static async Task<HttpResponseMessage> SendWith(HttpClient client, string token, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> GetWithCookie(AuditApiFactory factory, string cookie, string url)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return await client.SendAsync(request);
    }

    private static string Token(string? council)
    {
        var claims = new List<Claim> { new("name", DemoUsers.Psw), new("role", "PrincipalSocialWorker") };
        if (council is not null)
        {
            claims.Add(new Claim("council", council));
        }

        var from = DateTime.UtcNow.AddMinutes(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "audit-api",
            Audience = "audit-api",
            Subject = new ClaimsIdentity(claims),
            IssuedAt = from,
            NotBefore = from,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AuditApiFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
