using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Audit.Api.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Instances;

/// <summary>
/// The Data Protection keys live in the database, so a person's sign-in cookie and a form's antiforgery token made by
/// one instance are read by every other instance on the same database (a load balancer may send each request anywhere).
/// </summary>
public sealed class SharedSignInTests : IDisposable
{
    private static readonly HtmlParser Parser = new();

    private readonly SharedDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task ASignInAndAFormMadeByOneInstanceAreAcceptedByAnother()
    {
        using var one = _data.Instance();
        using var two = _data.Instance();
        var cookies = new CookieContainer();
        using var onOne = Client(one, cookies);
        using var onTwo = Client(two, cookies);

        (await SignInAsync(onOne, one)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (templates, page) = await GetAsync(onTwo, "/templates");
        templates.StatusCode.ShouldBe(HttpStatusCode.OK, "the cookie made by the first instance signs the person in on the second");
        page.QuerySelector("h1")!.TextContent.ShouldContain("Templates");

        // The sign-out form and its antiforgery token come from the first instance and are sent to the second.
        var (_, home) = await GetAsync(onOne, "/");
        var signOut = await PressAsync(onTwo, home, "Sign out");
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the antiforgery token made by the first instance holds on the second");
        (await one.WithDbAsync(db => db.DataProtectionKeys.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task AnInstanceOfAnotherApplicationOnTheSameDatabaseCannotReadTheCookie()
    {
        using var one = _data.Instance();
        using var other = new AuditApiFactory(folder: _data.Path, settings: new Dictionary<string, string?>
        {
            ["Timers:RunInBackground"] = "false",
            ["Notifications:DispatchInBackground"] = "false",
            ["DataProtection:ApplicationName"] = "another-service",
        });
        var cookies = new CookieContainer();
        using var onOne = Client(one, cookies);
        using var onOther = Client(other, cookies);
        await SignInAsync(onOne, one);

        var (templates, _) = await GetAsync(onOther, "/templates");

        templates.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        templates.Headers.Location!.ToString().ShouldContain("sign-in");
    }

    /// <summary>A browser-like client for one instance (cookies kept in the jar given, redirects not followed, HTML asked for).</summary>
    private static HttpClient Client(AuditApiFactory factory, CookieContainer cookies)
    {
        var client = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return client;
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, AuditApiFactory factory)
    {
        var name = await factory.WithDbAsync(db => db.Staff.Where(s => s.UserName == DemoUsers.Psw).Select(s => s.DisplayName).SingleAsync());
        var (_, signIn) = await GetAsync(client, "/sign-in");
        return await PressAsync(client, signIn, name, "/sign-in");
    }

    private static async Task<(HttpResponseMessage Response, IDocument Page)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Sends the form holding the button with this text, with every field it holds (the antiforgery token too).</summary>
    private static async Task<HttpResponseMessage> PressAsync(HttpClient client, IDocument page, string buttonText, string? action = null)
    {
        var button = page.QuerySelectorAll("button").Single(b => b.TextContent.Contains(buttonText, StringComparison.Ordinal));
        var form = button.Closest("form")!;
        var fields = form.QuerySelectorAll("input[name]")
            .Select(input => new KeyValuePair<string, string>(input.GetAttribute("name")!, input.GetAttribute("value") ?? ""))
            .ToList();
        if (button.GetAttribute("name") is { } name)
        {
            fields.Add(new(name, button.GetAttribute("value") ?? ""));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action ?? form.GetAttribute("action") ?? "/", content);
    }
}
