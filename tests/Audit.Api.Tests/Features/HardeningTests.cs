using System.Net;
using System.Net.Http.Json;
using Audit.Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

public sealed class HardeningTests
{
    [Fact]
    public async Task LimitsTokenRequestsWithA429Problem()
    {
        using var factory = new AuditApiFactory(settings: new Dictionary<string, string?> { ["Limits:SignInPerMinute"] = "2" });
        var client = factory.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            (await client.PostAsJsonAsync("/api/dev/token", new { userName = DemoUsers.Psw })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var refused = await client.PostAsJsonAsync("/api/dev/token", new { userName = DemoUsers.Psw });
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        refused.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task LimitsWritesPerUserButNotReads()
    {
        using var factory = new AuditApiFactory(settings: new Dictionary<string, string?> { ["Limits:WritesPerMinute"] = "1" });
        var psw = factory.ClientFor(DemoUsers.Psw);
        var body = new { name = "x", criteria = new[] { new { title = "t", guidance = "" } }, target = new { atLeast = "Good", percent = 65 }, graders = new[] { "Auditor" } };

        (await psw.PostAsync("/api/templates", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await psw.PostAsync("/api/templates", body)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        for (var i = 0; i < 3; i++)
        {
            (await psw.GetAsync("/api/templates")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task EveryAnswerCarriesSecurityHeadersAndApiAnswersAreNeverCached()
    {
        using var factory = new AuditApiFactory();
        var psw = factory.ClientFor(DemoUsers.Psw);

        foreach (var response in new[] { await psw.GetAsync("/api/teams"), await factory.CreateClient().GetAsync("/api/teams") })
        {
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
            response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
            response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
            response.Headers.CacheControl!.NoStore.ShouldBeTrue();
            response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");
        }
    }

    [Fact]
    public async Task RefusesABodyOverTheLimitWith413()
    {
        using var factory = new AuditApiFactory(settings: new Dictionary<string, string?> { ["Limits:MaxRequestBodyBytes"] = "1000" });
        var psw = factory.ClientFor(DemoUsers.Psw);

        var response = await psw.PostAsync("/api/templates", new { name = new string('x', 2000) });

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task AnUnexpectedFailureOutsideDevelopmentShowsNoStackTraceOrSql()
    {
        using var factory = new AuditApiFactory(environment: "Production", configureServices: s => s.AddTransient<IStartupFilter, ThrowingRoute>());

        var response = await factory.CreateClient().GetAsync("/boom");
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        body.ShouldNotContain("SELECT");
        body.ShouldNotContain("InvalidOperationException");
        body.ShouldNotContain(" at ");
    }

    /// <summary>A route that fails the way a bug would, with SQL in its message.</summary>
    private sealed class ThrowingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/boom", boom => boom.Run(_ => throw new InvalidOperationException("SELECT * FROM Audits failed")));
        };
    }
}
