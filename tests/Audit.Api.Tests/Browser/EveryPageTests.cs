using System.Net;
using Audit.Api.Tests.Support;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// Every page the app has (found from its endpoint data source, so a new page is covered without editing this test),
/// opened in Chromium by every role on their own objects and by nobody signed in: each meets WCAG 2.2 AA by axe
/// (no serious or critical violation), has exactly one h1, a skip link to the main landmark, and a title no other page
/// has; each is screenshotted. A young assessor's pages are opened on a phone.
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

        var visitors = new (string? UserName, Viewport Viewport, IReadOnlyDictionary<string, Guid> Ids)[]
        {
            (DemoUsers.Psw, Viewport.Desktop, world.Own),
            (DemoUsers.Auditor, Viewport.Desktop, forGraders),
            (DemoUsers.YoungAssessor, Viewport.Phone, forGraders),
            (world.TeamManager, Viewport.Desktop, world.Own),
            (world.ServiceManager, Viewport.Desktop, world.Own),
            (null, Viewport.Phone, world.Own),
        };

        var routes = PageRoutes.Of(app).Where(r => r != "/sign-out").ToList();
        var failures = new List<string>();
        var checkedPages = 0;
        foreach (var (userName, viewport, ids) in visitors)
        {
            var who = userName ?? "nobody";
            var page = await NewPageAsync(viewport, app.ClientOptions.BaseAddress);
            if (userName is not null)
            {
                await SignInAsync(page, userName);
            }

            var titles = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var route in routes)
            {
                var path = PageRoutes.Fill(route, ids);
                var response = await page.GotoAsync(path);
                if (response is null || !(response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal)))
                {
                    continue;
                }

                var name = $"every-page{route.Replace('/', '_').Replace('{', '(').Replace('}', ')')}-{who}";
                await ScreenshotAsync(page, name);
                checkedPages++;
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
                var landed = new Uri(page.Url).AbsolutePath;
                if (response.Status == (int)HttpStatusCode.OK && landed == path.Split('?')[0])
                {
                    if (titles.TryGetValue(title, out var other) && other != route)
                    {
                        failures.Add($"{route} and {other} share the title \"{title}\" for {who}");
                    }

                    titles[title] = route;
                }
            }
        }

        checkedPages.ShouldBeGreaterThan(routes.Count);
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
