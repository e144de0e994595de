using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

/// <summary>GET /api/case-files: each filter, the literal reference search, and paging with the total in X-Total-Count.</summary>
public sealed class CaseFileListTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly AuditClient _psw;

    public CaseFileListTests() => _psw = _factory.ClientFor(DemoUsers.Psw);

    public void Dispose() => _factory.Dispose();

    private async Task<(List<string> References, int Total)> ListAsync(string query)
    {
        var response = await _psw.GetAsync("/api/case-files" + query);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var total = int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        return (JsonNode.Parse(text)!.AsArray().Select(c => c.Str("reference")).ToList(), total);
    }

    private async Task ImportAsync(params string[] rows)
    {
        var csv = "reference,team,serviceArea,stage,worker,childAgeBand\n" + string.Join('\n', rows) + "\n";
        var response = await _psw.SendAsync(HttpMethod.Post, "/api/case-files/import", new StringContent(csv, Encoding.UTF8, new MediaTypeHeaderValue("text/csv")));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutFiltersListsTheFirstFiftyByReferenceAndTheTotalOfAll()
    {
        var all = await _factory.WithDbAsync(db => db.CaseFiles.Select(c => c.Reference).ToListAsync());

        var (references, total) = await ListAsync("");

        total.ShouldBe(all.Count);
        references.ShouldBe(all.Order(StringComparer.Ordinal).Take(50));
    }

    [Fact]
    public async Task FiltersByTeam()
    {
        var team = await _factory.WithDbAsync(db => db.Teams.SingleAsync(t => t.Name == "Child Protection West"));
        var expected = await _factory.WithDbAsync(db => db.CaseFiles.Where(c => c.TeamId == team.Id).Select(c => c.Reference).ToListAsync());
        expected.ShouldNotBeEmpty();

        var (references, total) = await ListAsync($"?teamId={team.Id}");

        references.ShouldBe(expected.Order(StringComparer.Ordinal));
        total.ShouldBe(expected.Count);
    }

    [Fact]
    public async Task FiltersByServiceArea()
    {
        var expected = await _factory.WithDbAsync(db => db.CaseFiles.Where(c => c.ServiceArea == ServiceArea.ChildProtection).Select(c => c.Reference).ToListAsync());
        expected.Count.ShouldBeGreaterThan(6, "both child protection teams' case files");

        var (references, total) = await ListAsync("?serviceArea=ChildProtection");

        references.ShouldBe(expected.Order(StringComparer.Ordinal));
        total.ShouldBe(expected.Count);
    }

    [Fact]
    public async Task FiltersByStage()
    {
        var expected = await _factory.WithDbAsync(db => db.CaseFiles.Where(c => c.Stage == Stage.Review).Select(c => c.Reference).ToListAsync());
        expected.ShouldNotBeEmpty();

        var (references, total) = await ListAsync("?stage=Review");

        references.ShouldBe(expected.Order(StringComparer.Ordinal));
        total.ShouldBe(expected.Count);
    }

    [Fact]
    public async Task CombinesFiltersAndSearchesByAnyPartOfTheReference()
    {
        var expected = await _factory.WithDbAsync(db => db.CaseFiles
            .Where(c => c.ServiceArea == ServiceArea.EarlyHelp && c.Reference.Contains("1000"))
            .Select(c => c.Reference).ToListAsync());
        expected.ShouldNotBeEmpty();

        var (references, total) = await ListAsync("?serviceArea=EarlyHelp&reference=1000");

        references.ShouldBe(expected.Order(StringComparer.Ordinal));
        total.ShouldBe(expected.Count);
        (await ListAsync("?reference=CF-100001")).References.ShouldBe(["CF-100001"]);
    }

    [Fact]
    public async Task TheReferenceSearchMatchesLikeWildcardsAndItsEscapeLiterally()
    {
        await ImportAsync(
            "ESC%1,Early Help North,EarlyHelp,Plan,Pia Lorne,5-9",
            "ESC_1,Early Help North,EarlyHelp,Plan,Pia Lorne,5-9",
            @"ESC\1,Early Help North,EarlyHelp,Plan,Pia Lorne,5-9",
            "ESCX1,Early Help North,EarlyHelp,Plan,Pia Lorne,5-9",
            "ESCAPE-100%,Early Help North,EarlyHelp,Plan,Pia Lorne,5-9");

        (await ListAsync("?reference=" + Uri.EscapeDataString("C%1"))).References.ShouldBe(["ESC%1"]);
        (await ListAsync("?reference=" + Uri.EscapeDataString("C_1"))).References.ShouldBe(["ESC_1"]);
        (await ListAsync("?reference=" + Uri.EscapeDataString(@"C\1"))).References.ShouldBe([@"ESC\1"]);
        (await ListAsync("?reference=" + Uri.EscapeDataString("%"))).References.ShouldBe(["ESC%1", "ESCAPE-100%"]);
        (await ListAsync("?reference=esc")).Total.ShouldBe(5, "the search ignores case");
    }

    [Fact]
    public async Task PagesBySkipAndTakeWithTheSameTotalOnEveryPage()
    {
        var all = (await _factory.WithDbAsync(db => db.CaseFiles.Select(c => c.Reference).ToListAsync())).Order(StringComparer.Ordinal).ToList();

        var first = await ListAsync("?take=20");
        var second = await ListAsync("?skip=20&take=20");
        var last = await ListAsync($"?skip={all.Count - 2}&take=20");

        first.References.ShouldBe(all.Take(20));
        second.References.ShouldBe(all.Skip(20).Take(20));
        last.References.ShouldBe(all.TakeLast(2));
        new[] { first.Total, second.Total, last.Total }.ShouldAllBe(t => t == all.Count);
    }

    [Fact]
    public async Task SaysWhenEachCaseFileWasLastAuditedAndLeavesItOutWhenNever()
    {
        await new Scenario(_factory).PlanRoundAsync(count: 1);

        var caseFiles = (await _psw.GetOkAsync("/api/case-files?reference=CF-10000")).AsArray();

        var audited = caseFiles.Single(c => c.Str("reference") == "CF-100001")!;
        DateTimeOffset.Parse(audited.Str("lastAuditedAt"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(AuditApiFactory.Start);
        caseFiles.Where(c => c.Str("reference") != "CF-100001").ShouldAllBe(c => c!["lastAuditedAt"] == null);
    }

    [Theory]
    [InlineData("?stage=Sometime")]
    [InlineData("?stage=99")]
    [InlineData("?serviceArea=Nowhere")]
    [InlineData("?teamId=not-a-team")]
    [InlineData("?take=0")]
    [InlineData("?take=201")]
    [InlineData("?skip=-1")]
    public async Task RefusesAFilterOrPageItCannotReadWithProblemDetails(string query)
    {
        var response = await _psw.GetAsync("/api/case-files" + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task RefusesAReferenceSearchLongerThanAReference()
    {
        var response = await _psw.GetAsync("/api/case-files?reference=" + new string('x', 51));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Scenario.AsJsonAsync(response))["errors"]!["reference"].ShouldNotBeNull();
    }
}
