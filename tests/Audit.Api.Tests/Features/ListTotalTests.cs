using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Audit.Domain.Actions;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

/// <summary>
/// Every list answers its total in X-Total-Count: the number of items the whole list holds, counted in the database,
/// whatever page of it was asked for.
/// </summary>
public sealed class ListTotalTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<(int Items, int Total)> GetAsync(AuditClient caller, string url)
    {
        var response = await caller.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{url}: {text}");
        response.Headers.TryGetValues("X-Total-Count", out var totals).ShouldBeTrue($"{url} answers X-Total-Count");
        return (JsonNode.Parse(text)!.AsArray().Count, int.Parse(totals!.Single(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task EveryListAnswersTheRealCountOfItsWholeList()
    {
        var scenario = new Scenario(_factory);
        var world = await AccessWorld.TwoAuditsAsync(_factory, scenario);
        var manager = _factory.ClientFor(world.TeamManager);
        var caseFile = world.Own["/api/case-files"];
        var counts = await _factory.WithDbAsync(async db => new Dictionary<string, int>
        {
            ["/api/audits"] = await db.Audits.CountAsync(),
            ["/api/actions"] = await db.Actions.CountAsync(),
            ["/api/actions/by-team"] = await db.Actions
                .Where(a => a.Status == ActionStatus.Open || a.Status == ActionStatus.Escalated).Select(a => a.TeamId).Distinct().CountAsync(),
            ["/api/notifications"] = await db.Notifications.CountAsync(n => n.Recipient == world.TeamManager),
            ["/api/teams"] = await db.Teams.CountAsync(),
            ["/api/case-files"] = await db.CaseFiles.CountAsync(),
            ["/api/templates"] = await db.Templates.CountAsync(t => t.RetiredAt == null),
        });
        counts.Values.ShouldAllBe(count => count > 0, "every list has something in it, so a wrong total would show");

        var lists = new (AuditClient Caller, string Url)[]
        {
            (scenario.Psw, "/api/audits"),
            (scenario.Psw, "/api/actions"),
            (scenario.Psw, "/api/actions/by-team"),
            (manager, "/api/notifications"),
            (scenario.Psw, "/api/teams"),
            (scenario.Psw, "/api/case-files"),
            (scenario.Psw, "/api/templates"),
        };
        foreach (var (caller, url) in lists)
        {
            var (items, total) = await GetAsync(caller, url);
            total.ShouldBe(counts[url], url);
            items.ShouldBe(Math.Min(total, 50), url);
        }

        var accessRecords = await _factory.WithDbAsync(db => db.AccessRecords.CountAsync(a => a.CaseFileId == caseFile));
        accessRecords.ShouldBeGreaterThan(0);
        (await GetAsync(scenario.Psw, $"/api/case-files/{caseFile}/access-log")).ShouldBe((accessRecords, accessRecords));
    }

    [Theory]
    [InlineData("/api/audits")]
    [InlineData("/api/actions")]
    [InlineData("/api/case-files")]
    public async Task APagedListAnswersTheTotalOfTheWholeListOnAPageOfOne(string url)
    {
        var scenario = new Scenario(_factory);
        await AccessWorld.TwoAuditsAsync(_factory, scenario);
        var (_, whole) = await GetAsync(scenario.Psw, url + "?take=200");

        var (items, total) = await GetAsync(scenario.Psw, url + "?take=1");

        whole.ShouldBeGreaterThan(1);
        items.ShouldBe(1);
        total.ShouldBe(whole);
    }
}
