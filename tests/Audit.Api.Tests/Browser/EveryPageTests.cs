using System.Net;
using Audit.Api.Tests.Support;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// Every page the app has (found from its endpoint data source, so a new page is covered without editing this test),
/// opened in Chromium by someone it opens for (a young assessor first, on a phone; then the other roles on their own
/// objects; then nobody signed in), and the refusal and error pages: each meets WCAG 2.2 AA by axe (no serious or
/// critical violation), has exactly one h1, a skip link and a main landmark, and a title no other page has; each is
/// screenshotted.
/// </summary>
public sealed class EveryPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task EveryPageMeetsTheAccessibilityBarForEveryoneWhoMayOpenIt()
    {
        // A service of this test's own, so that its rounds and actions never meet the other browser tests'.
        using var app = new AuditApiFactory();
        app.UseKestrel(0);
        app.StartServer();
        var scenario = new Scenario(app);
        var world = await AccessWorld.TwoAuditsAsync(app, scenario);
        var ungraded = await UngradedAuditAsync(scenario);
        var forGraders = new Dictionary<string, Guid>(world.Own) { ["/api/audits"] = ungraded };

        // A young assessor first, on a phone, so that every page they may open is checked as they see it.
        var visitors = new (string? UserName, Viewport Viewport, IReadOnlyDictionary<string, Guid> Ids)[]
        {
            (DemoUsers.YoungAssessor, Viewport.Phone, forGraders),
            (DemoUsers.Practitioner, Viewport.Phone, world.Own),
            (DemoUsers.Auditor, Viewport.Desktop, forGraders),
            (world.TeamManager, Viewport.Desktop, world.Own),
            (world.ServiceManager, Viewport.Desktop, world.Own),
            (DemoUsers.Psw, Viewport.Desktop, world.Own),
            (null, Viewport.Phone, world.Own),
        };

        var routes = PageRoutes.Of(app).Where(r => r != "/sign-out").ToList();
        var pages = new List<(string Who, IPage Page, IReadOnlyDictionary<string, Guid> Ids)>();
        foreach (var (userName, viewport, ids) in visitors)
        {
            var page = await NewPageAsync(viewport, app.ClientOptions.BaseAddress);
            if (userName is not null)
            {
                await SignInAsync(page, userName);
            }

            pages.Add((userName ?? "nobody", page, ids));
        }

        // Each page is checked once, by the first visitor it opens for (a cheap request in that visitor's session
        // finds who); a page that opens for nobody (the error pages) by the first visitor. The refusal page too.
        var visits = new List<(string Route, string Path, string Who, IPage Page)>();
        foreach (var route in routes)
        {
            (string Path, string Who, IPage Page)? chosen = null;
            foreach (var (who, page, ids) in pages)
            {
                var path = PageRoutes.Fill(route, ids);
                var probe = await page.Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
                if (probe.Status == (int)HttpStatusCode.OK)
                {
                    chosen = (path, who, page);
                    break;
                }
            }

            var (firstWho, firstPage, firstIds) = pages[0];
            var visit = chosen ?? (PageRoutes.Fill(route, firstIds), firstWho, firstPage);
            visits.Add((route, visit.Path, visit.Who, visit.Page));
        }

        visits.Add(("(refused)", "/actions", pages[0].Who, pages[0].Page));

        var failures = new List<string>();
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (route, path, who, page) in visits)
        {
            var response = await page.GotoAsync(path);
            response.ShouldNotBeNull(path);
            var name = $"every-page{route.Replace('/', '_').Replace('{', '(').Replace('}', ')')}-{who}";
            await ScreenshotAsync(page, name);
            var report = await AccessibilityReportAsync(page, name);
            if (report.Blocking.Count > 0)
            {
                failures.Add($"{route} as {who}: {AccessibilityReport.Describe(report.Blocking)}");
            }

            var h1s = await page.Locator("h1").CountAsync();
            if (h1s != 1)
            {
                failures.Add($"{route} as {who}: {h1s} h1 elements");
            }

            if (await page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" }).CountAsync() != 1 || await page.GetByRole(AriaRole.Main).CountAsync() != 1)
            {
                failures.Add($"{route} as {who}: no skip link or main landmark");
            }

            var title = await page.TitleAsync();
            if (response!.Status == (int)HttpStatusCode.OK && new Uri(page.Url).AbsolutePath == path.Split('?')[0])
            {
                if (titles.TryGetValue(title, out var other) && other != route)
                {
                    failures.Add($"{route} and {other} share the title \"{title}\"");
                }

                titles[title] = route;
            }
        }

        visits.Count(v => v.Who == DemoUsers.YoungAssessor).ShouldBeGreaterThan(8, "the young assessor's pages are checked on a phone");
        titles.Count.ShouldBeGreaterThan(routes.Count / 2);
        failures.ShouldBeEmpty();
    }

    private static async Task<Guid> UngradedAuditAsync(Scenario scenario)
    {
        var template = await scenario.DudleyTemplateAsync();
        var caseFile = (await scenario.Psw.GetOkAsync("/api/case-files")).AsArray().Single(c => c.Str("reference") == "CF-100008")!;
        var round = await scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Every page", templateId = template.Id(), dueOn = "2026-12-18", caseFileIds = new[] { caseFile.Id() },
            auditor = DemoUsers.Auditor, youngAssessor = DemoUsers.YoungAssessor,
        });
        await scenario.Auditor.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/case-files/{caseFile.Id()}/extract", new { text = "The young person said they like their new school." });
        return Guid.Parse(round.Arr("auditIds")[0]!.GetValue<string>());
    }
}
