using System.Net;
using System.Net.Http.Headers;
using Audit.Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Pages;

public sealed class PageShellTests : IDisposable
{
    private readonly AuditApiFactory _factory = new(configureServices: s => s.AddTransient<IStartupFilter, ThrowingPage>());

    public void Dispose() => _factory.Dispose();

    private async Task<Browser> SignedInAsync()
    {
        var browser = new Browser(_factory);
        await browser.SignInAsync("Ada Winslow");
        return browser;
    }

    [Fact]
    public async Task EveryPageHasOneHeadingATitleASkipLinkAndAMainRegion()
    {
        var anonymous = new Browser(_factory);
        var signedIn = await SignedInAsync();
        var pages = new[]
        {
            (anonymous, "/sign-in"),
            (anonymous, "/signed-out"),
            (anonymous, "/no-such-page"),
            (signedIn, "/"),
            (signedIn, "/sign-out"),
            (signedIn, "/no-such-page"),
            (signedIn, "/boom"),
        };

        foreach (var (browser, url) in pages)
        {
            var (_, page) = await browser.GetAsync(url);
            page.QuerySelectorAll("h1").Length.ShouldBe(1, url);
            page.Title.ShouldNotBeNullOrWhiteSpace(url);
            page.Title!.ShouldEndWith(" – Voice of the child audit – Northbrook Council", Case.Sensitive, url);
            var skip = page.QuerySelectorAll("a")[0];
            skip.TextContent.ShouldBe("Skip to main content", url);
            skip.GetAttribute("href").ShouldBe("#main-content", url);
            page.QuerySelectorAll("main#main-content").Length.ShouldBe(1, url);
            page.DocumentElement.GetAttribute("lang").ShouldBe("en", url);
            page.QuerySelectorAll("script:not([src]), [style], style").ShouldBeEmpty(url);
        }
    }

    [Fact]
    public async Task PagesHaveAStrictContentSecurityPolicyAndAreNeverCached()
    {
        var browser = await SignedInAsync();

        foreach (var url in new[] { "/", "/sign-in", "/sign-out", "/signed-out", "/no-such-page" })
        {
            var (response, _) = await browser.GetAsync(url);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            csp.ShouldContain("default-src 'self'");
            csp.ShouldContain("script-src 'self'");
            csp.ShouldContain("frame-ancestors 'none'");
            csp.ShouldContain("form-action 'self'");
            csp.ShouldNotContain("unsafe-inline");
            response.Headers.CacheControl!.NoStore.ShouldBeTrue(url);
        }
    }

    [Fact]
    public async Task ServesTheCompiledStylesAndScriptsWithoutTheCrownOrItsFont()
    {
        var browser = new Browser(_factory);
        var page = await browser.GetOkAsync("/sign-in");

        var stylesheet = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        var css = await browser.Http.GetAsync(stylesheet);
        css.StatusCode.ShouldBe(HttpStatusCode.OK);
        css.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
        css.Headers.CacheControl?.NoStore.ShouldNotBe(true);
        var styles = await css.Content.ReadAsStringAsync();
        styles.ShouldContain(".govuk-button");
        styles.ShouldNotContain("GDS Transport");

        foreach (var script in page.QuerySelectorAll("script"))
        {
            script.GetAttribute("type").ShouldBe("module");
            (await browser.Http.GetAsync(script.GetAttribute("src"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await browser.Http.GetAsync("/js/govuk-frontend.min.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.Http.GetAsync("/assets/images/govuk-crest.svg")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnknownPageAnswers404PageNotFoundAndRevealsNothing()
    {
        var (response, page) = await new Browser(_factory).GetAsync("/audits/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Page not found");
        page.Title.ShouldBe("Page not found – Voice of the child audit – Northbrook Council");
        Browser.Text(page).ShouldNotContain("no-such-thing");
    }

    [Fact]
    public async Task AFailingPageShowsTheServiceProblemPageWithNoDetailEvenInDevelopment()
    {
        var browser = await SignedInAsync();

        var (response, page) = await browser.GetAsync("/boom");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Sorry, there is a problem with the service");
        var html = page.DocumentElement.OuterHtml;
        html.ShouldNotContain("SELECT");
        html.ShouldNotContain("InvalidOperationException");

        // A form sent to a page that fails shows the same page.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["field"] = "value" });
        var posted = await browser.Http.PostAsync("/boom", form);
        posted.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await posted.Content.ReadAsStringAsync()).ShouldContain("Sorry, there is a problem with the service");
    }

    [Fact]
    public async Task TheApiKeepsItsProblemDetails()
    {
        var response = await _factory.CreateClient().GetAsync("/api/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");
    }

    [Fact]
    public async Task WithTheCouncilsIdentityProviderSignInGoesThereByTheCodeFlow()
    {
        using var factory = IdentityProviderFactory.Create();
        var browser = new Browser(factory);

        var (response, _) = await browser.GetAsync("/sign-in");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith(IdentityProviderFactory.AuthorizationEndpoint + "?");
        location.ShouldContain("client_id=voice-audit-pages");
        location.ShouldContain("response_type=code");
        location.ShouldContain("code_challenge=");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("form-action 'self' https://login.example.invalid");
        (await browser.Http.GetAsync("/api/audits")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>A page path that fails the way a bug would, with SQL in its message.</summary>
    private sealed class ThrowingPage : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/boom", boom => boom.Run(_ => throw new InvalidOperationException("SELECT * FROM Audits failed")));
        };
    }
}
