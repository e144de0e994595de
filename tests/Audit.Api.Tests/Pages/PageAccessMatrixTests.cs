using System.Globalization;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Pages;

/// <summary>
/// Every page the running app has, for every role and for nobody signed in, against the caller's own objects and
/// someone else's, the same way <see cref="Features.AccessMatrixTests"/> walks the API. The pages come from the
/// app's endpoint data source, so a new page without a row here fails the test. What a person may not see answers
/// 404, revealing nothing; what is theirs answers 200 (or sends them on with a redirect).
/// </summary>
public sealed class PageAccessMatrixTests : IDisposable
{
    // Columns: principal social worker, auditor, young assessor, team manager, service manager, practitioner, nobody signed in.
    // "200/404" means 200 for the caller's own object and 404 for someone else's; 302 is a redirect (to sign in, for nobody).
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["/"] = ["200", "200", "200", "200", "200", "200", "302"],
        ["/sign-in"] = ["200", "200", "200", "200", "200", "200", "200"],
        ["/sign-out"] = ["200", "200", "200", "200", "200", "200", "302"],
        ["/signed-out"] = ["200", "200", "200", "200", "200", "200", "200"],
        ["/actions"] = ["200", "403", "403", "200", "200", "403", "302"],
        ["/actions/{id:guid}"] = ["200", "403", "403", "200/404", "200/404", "403", "302"],
        ["/actions/{id:guid}/closed"] = ["302", "403", "403", "302/404", "302/404", "403", "302"],
        ["/audits"] = ["200", "200", "200", "200", "200", "403", "302"],
        ["/audits/{id:guid}"] = ["200", "200/404", "200/404", "200/404", "200/404", "403", "302"],
        ["/audits/{id:guid}/concern"] = ["200", "200/404", "200/404", "200/404", "200/404", "403", "302"],
        ["/audits/{id:guid}/concern/sent"] = ["200", "200/404", "200/404", "200/404", "200/404", "403", "302"],
        ["/audits/{id:guid}/extract"] = ["200", "200/404", "403/404", "403/404", "403/404", "403", "302"],
        ["/audits/{id:guid}/extract/preview"] = ["200", "200/404", "403/404", "403/404", "403/404", "403", "302"],
        ["/audits/{id:guid}/grade/check"] = ["403", "200/404", "200/404", "403/404", "403/404", "403", "302"],
        ["/audits/{id:guid}/grade/done"] = ["403", "200/404", "200/404", "403/404", "403/404", "403", "302"],
        ["/audits/{id:guid}/grade/overall"] = ["403", "302/404", "302/404", "403/404", "403/404", "403", "302"],
        ["/audits/{id:guid}/grade/{n:int}"] = ["403", "302/404", "302/404", "403/404", "403/404", "403", "302"],
        ["/audits/{id:guid}/history"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/case-files"] = ["200", "200", "403", "403", "403", "403", "302"],
        ["/case-files/import"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/case-files/{id:guid}/who-looked"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/case-files/{id:guid}/record"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/dashboard"] = ["200", "200", "403", "200", "200", "403", "302"],
        ["/evidence/import"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/moderation"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/moderation/{id:guid}"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/my-audits"] = ["403", "403", "403", "403", "403", "200", "302"],
        ["/my-audits/{id:guid}"] = ["403", "403", "403", "403", "403", "200/404", "302"],
        ["/notifications"] = ["200", "200", "200", "200", "200", "200", "302"],
        ["/notifications/parked"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/reports/agreement"] = ["200", "403", "403", "403", "200", "403", "302"],
        ["/reports/three-views"] = ["200", "200", "403", "200", "200", "403", "302"],
        ["/reports/you-said-we-did"] = ["200", "200", "403", "200", "200", "403", "302"],
        ["/round-plans"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/round-plans/new"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/round-plans/{id:guid}"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/round-plans/{id:guid}/delete"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/round-plans/{id:guid}/edit"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/rounds"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/rounds/new"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/rounds/new/case-files"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/rounds/new/due-date"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/rounds/new/graders"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/rounds/new/how"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/rounds/new/preview"] = ["302", "403", "403", "403", "403", "403", "302"],
        ["/rounds/new/scope"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/rounds/{id:guid}"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/service"] = ["200", "403", "403", "200", "200", "403", "302"],
        ["/team/audits"] = ["200", "403", "403", "200", "200", "403", "302"],
        ["/templates"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/templates/new"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/templates/{id:guid}"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/templates/{id:guid}/edit"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/templates/{id:guid}/retire"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/workflows"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/workflows/publish"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/workflows/try"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/workflows/{name}/versions/{version:int}"] = ["200", "403", "403", "403", "403", "403", "302"],
        ["/error/{code:int}"] = ["404", "404", "404", "404", "404", "404", "404"],
        ["/reports/board"] = ["200", "403", "403", "403", "200", "403", "302"],
        ["/reports/monthly"] = ["200", "403", "403", "200", "200", "403", "302"],
    };

    // Serves a second council, "north", whose objects each person of the default council must not reach.
    private readonly AuditApiFactory _factory = new(settings: new Dictionary<string, string?> { ["Tenancy:Councils:0"] = "north" });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task EveryPageAnswersEveryRoleAsTheTableSays()
    {
        var scenario = new Scenario(_factory);
        var world = await AccessWorld.TwoAuditsAsync(_factory, scenario);
        var names = await _factory.WithDbAsync(db => db.Staff.ToDictionaryAsync(s => s.UserName, s => s.DisplayName));
        var callers = new List<(string Who, Browser Browser)>();
        foreach (var userName in new[] { DemoUsers.Psw, DemoUsers.Auditor, DemoUsers.YoungAssessor, world.TeamManager, world.ServiceManager, DemoUsers.Practitioner })
        {
            var browser = new Browser(_factory);
            await browser.SignInAsync(names[userName]);
            callers.Add((userName, browser));
        }

        callers.Add(("nobody", new Browser(_factory)));

        var routes = PageRoutes.Of(_factory);
        routes.Where(r => !Expected.ContainsKey(r)).ShouldBeEmpty("every page needs a row in the page access matrix");
        Expected.Keys.Where(k => !routes.Contains(k)).ShouldBeEmpty("the matrix names pages the app no longer has");

        var wrong = new List<string>();
        foreach (var route in routes)
        {
            for (var column = 0; column < callers.Count; column++)
            {
                var expected = Expected[route][column].Split('/');
                foreach (var (whose, status) in new[] { ("own", expected[0]), ("other", expected.Length > 1 ? expected[1] : expected[0]) })
                {
                    if (whose == "other" && !route.Contains("{id", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var url = PageRoutes.Fill(route, whose == "own" ? world.Own : world.Other);
                    var (response, _) = await callers[column].Browser.GetAsync(url);
                    var got = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    if (got != status)
                    {
                        wrong.Add($"{route} as {callers[column].Who} on {whose}: expected {status}, got {got}");
                    }
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    /// <summary>
    /// The council dimension: as each person of the default council, every page about another council's object answers
    /// exactly as for an object that does not exist (404 wherever the person may look at all).
    /// </summary>
    [Fact]
    public async Task EveryPageAnswersAnotherCouncilsObjectsAsIfTheyDidNotExist()
    {
        var scenario = new Scenario(_factory);
        var own = await AccessWorld.TwoAuditsAsync(_factory, scenario);
        await _factory.SeedCouncilAsync("north");
        var north = await AccessWorld.TwoAuditsAsync(_factory, new Scenario(_factory, "north"));
        var names = await _factory.WithDbAsync(db => db.Staff.ToDictionaryAsync(s => s.UserName, s => s.DisplayName));
        var callers = new List<(string Who, Browser Browser)>();
        foreach (var userName in new[] { DemoUsers.Psw, DemoUsers.Auditor, DemoUsers.YoungAssessor, own.TeamManager, own.ServiceManager, DemoUsers.Practitioner })
        {
            var browser = new Browser(_factory);
            await browser.SignInAsync(names[userName]);
            callers.Add((userName, browser));
        }

        var nowhere = own.Own.ToDictionary(p => p.Key, _ => Guid.NewGuid());
        var (wrong, notFound) = (new List<string>(), 0);
        foreach (var route in PageRoutes.Of(_factory).Where(r => r.Contains("{id", StringComparison.Ordinal)))
        {
            foreach (var (who, browser) in callers)
            {
                var (missing, _) = await browser.GetAsync(PageRoutes.Fill(route, nowhere));
                foreach (var (whose, ids) in new[] { ("north's own", north.Own), ("north's other", north.Other) })
                {
                    var (response, _) = await browser.GetAsync(PageRoutes.Fill(route, ids));
                    notFound += response.StatusCode == System.Net.HttpStatusCode.NotFound ? 1 : 0;
                    if (response.StatusCode != missing.StatusCode)
                    {
                        wrong.Add($"{route} as {who} on {whose}: {(int)response.StatusCode}, where a missing object answers {(int)missing.StatusCode}");
                    }
                }
            }
        }

        wrong.ShouldBeEmpty();
        notFound.ShouldBeGreaterThan(30, "most pages about an object answer another council's 404");
    }
}
