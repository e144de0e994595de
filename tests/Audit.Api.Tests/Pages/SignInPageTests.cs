using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Audit.Api.Auth;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Pages;

public sealed class SignInPageTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ListsTheDemoPeopleAsButtonsWithTheirRolesInPlainWords()
    {
        var page = await new Browser(_factory).GetOkAsync("/sign-in");

        var buttons = page.QuerySelectorAll("form button").Select(b => b.TextContent.Trim()).ToList();
        buttons.ShouldContain("Ada Winslow, Principal social worker");
        buttons.ShouldContain("Ivan Quill, Auditor");
        buttons.ShouldContain("Jay, Young assessor");
        buttons.ShouldContain("Sam Rook, Service manager");
        buttons.Count(b => b.EndsWith("Team manager", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public async Task SigningInShowsWhoIsSignedInAndTheirRole()
    {
        var browser = new Browser(_factory);

        var signedIn = await browser.SignInAsync("Ada Winslow");
        signedIn.Headers.Location!.OriginalString.ShouldBe("/");

        var home = await browser.GetOkAsync("/");
        Browser.Text(home).ShouldContain("Signed in as Ada Winslow, Principal social worker");
        home.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ShouldContain("Sign out");
    }

    [Fact]
    public async Task AYoungAssessorIsShownAsOne()
    {
        var browser = new Browser(_factory);
        await browser.SignInAsync("Jay, Young assessor");

        Browser.Text(await browser.GetOkAsync("/")).ShouldContain("Signed in as Jay, Young assessor");
    }

    [Fact]
    public async Task GoesBackToALocalReturnUrlOnlyAfterSigningIn()
    {
        var browser = new Browser(_factory);
        var signIn = await browser.GetOkAsync("/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F");

        var response = await browser.PressAsync(signIn, "Ada Winslow", "/sign-in");

        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task AVisitBeforeSigningInGoesToTheSignInPage()
    {
        var (response, _) = await new Browser(_factory).GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/sign-in");
    }

    [Fact]
    public async Task TheApiDoesNotAcceptThePageCookie()
    {
        var browser = new Browser(_factory);
        await browser.SignInAsync("Ada Winslow");

        (await browser.Http.GetAsync("/api/teams")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PagesDoNotAcceptABearerToken()
    {
        var browser = new Browser(_factory);
        var token = await (await browser.Http.PostAsJsonAsync("/api/dev/token", new { userName = DemoUsers.Psw })).Content.ReadFromJsonAsync<JsonObject>();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token!["token"]!.GetValue<string>());

        var response = await browser.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/sign-in");
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefusedWith400()
    {
        var browser = new Browser(_factory);
        using var signIn = new FormUrlEncodedContent([new("userName", DemoUsers.Psw)]);

        var response = await browser.Http.PostAsync("/sign-in", signIn);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Sorry, there is a problem with your request");

        await browser.SignInAsync("Ada Winslow");
        using var signOut = new FormUrlEncodedContent([]);
        (await browser.Http.PostAsync("/sign-out", signOut)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await browser.GetAsync("/")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheSessionCookieIsHttpOnlyAndSameSiteLax()
    {
        var response = await new Browser(_factory).SignInAsync("Ada Winslow");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("audit-session=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=lax");
        cookie.ShouldNotContain("expires=");
    }

    [Fact]
    public async Task SigningOutEndsTheSignInAndSaysSo()
    {
        var browser = new Browser(_factory);
        await browser.SignInAsync("Ada Winslow");
        var home = await browser.GetOkAsync("/");

        var response = await browser.PressAsync(home, "Sign out");

        response.Headers.Location!.OriginalString.ShouldBe("/signed-out");
        Browser.Text(await browser.GetOkAsync("/signed-out")).ShouldContain("You have signed out");
        (await browser.GetAsync("/")).Response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task TheDemoSignInDoesNotExistOutsideDevelopment(string environment)
    {
        using var factory = new AuditApiFactory(environment: environment);
        var browser = new Browser(factory);

        var (response, page) = await browser.GetAsync("/sign-in");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Page not found");
        page.QuerySelectorAll("form button").Where(b => b.TextContent.Contains("Ada", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void AnIdentityProvidersPersonCarriesTheSameClaimsAsABearerToken()
    {
        var options = new AuthOptions { NameClaim = "preferred_username", RoleClaim = "roles", RoleMap = { ["Audit.Psw"] = "PrincipalSocialWorker" } };
        var external = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("preferred_username", "ada.winslow@northbrook.example"), new Claim("name", "Ada Winslow"), new Claim("roles", "Audit.Psw"), new Claim("roles", "Other.App")],
            "oidc", "preferred_username", "roles"));

        var person = PageAuthentication.ToPerson(external, options, "oidc")!;

        person.Identity!.Name.ShouldBe("ada.winslow@northbrook.example");
        person.FindFirst(AuditClaims.DisplayName)!.Value.ShouldBe("Ada Winslow");
        person.FindAll(AuditClaims.Role).Select(c => c.Value).ShouldBe(["PrincipalSocialWorker"]);
        person.IsInRole("PrincipalSocialWorker").ShouldBeTrue();
    }
}
