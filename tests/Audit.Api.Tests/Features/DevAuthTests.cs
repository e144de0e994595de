using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

public sealed class DevAuthTests
{
    [Fact]
    public async Task ListsTheDemoUsersWithTheirRolesInDevelopment()
    {
        using var factory = new AuditApiFactory();
        var users = await factory.CreateClient().GetFromJsonAsync<JsonArray>("/api/dev/users");

        users.ShouldNotBeNull();
        var roles = users.SelectMany(u => u!["roles"]!.AsArray().Select(r => r!.GetValue<string>())).ToList();
        roles.Count(r => r == "PrincipalSocialWorker").ShouldBe(1);
        roles.Count(r => r == "Auditor").ShouldBe(3);
        roles.Count(r => r == "YoungAssessor").ShouldBe(2);
        roles.Count(r => r == "ServiceManager").ShouldBe(2);
        roles.Count(r => r == "TeamManager").ShouldBeGreaterThanOrEqualTo(6);
        users.Where(u => u!["roles"]!.AsArray().Any(r => r!.GetValue<string>() == "TeamManager")).ShouldAllBe(u => u!["teamId"] != null);
    }

    [Fact]
    public async Task RefusesATokenForSomeoneWhoIsNotADemoUser()
    {
        using var factory = new AuditApiFactory();
        var response = await factory.CreateClient().PostAsJsonAsync("/api/dev/token", new { userName = "nobody" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task HidesTheDevelopmentSignInOutsideDevelopment(string environment)
    {
        using var factory = new AuditApiFactory(environment: environment);
        var client = factory.CreateClient();

        (await client.GetAsync("/api/dev/users")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostAsJsonAsync("/api/dev/token", new { userName = DemoUsers.Psw })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ServesHealthAndTheOpenApiDocumentWithoutAToken()
    {
        using var factory = new AuditApiFactory();
        var client = factory.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var openApi = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        openApi!["paths"]!.AsObject().Select(p => p.Key).ShouldContain("/api/audits/{id}/gradings");
    }
}
