using System.Net;
using System.Text;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>The browser harness proves itself against pages the service has today.</summary>
public sealed class HarnessTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private bool _standInUsed;

    [Fact]
    public async Task TheServiceAnswersAnOrdinaryHttpClientOnARealLoopbackPort()
    {
        Fixture.BaseAddress.Host.ShouldBe("127.0.0.1");
        Fixture.BaseAddress.Port.ShouldBeGreaterThan(0);

        // A plain socket client, not the in-memory test server's handler.
        using var http = new HttpClient { BaseAddress = Fixture.BaseAddress };
        var response = await http.GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task ChromiumOnAPhoneOpensTheLivenessCheck()
    {
        var page = await NewPageAsync(Viewport.Phone);

        await GoToAsync(page, "/health/live");

        (await page.Locator("body").InnerTextAsync()).Trim().ShouldBe("Healthy");
        page.ViewportSize!.Width.ShouldBe(360);
        (await page.EvaluateAsync<bool>("matchMedia('(pointer: coarse)').matches")).ShouldBeTrue("the phone viewport has touch");
    }

    [Fact]
    public async Task TheApiReferenceOpensOnAPhoneAndIsCheckedForAccessibility()
    {
        var page = await NewPageAsync(Viewport.Phone);

        await GoToAsync(page, "/scalar/v1");
        await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First.WaitForAsync();
        await ScreenshotAsync(page, "api-reference-phone");

        // Scalar is a third-party page: its findings are reported for the record, not held against this service.
        var report = await AccessibilityReportAsync(page, "api-reference-phone");
        new Uri(report.Url).AbsolutePath.ShouldBe("/scalar/v1");
        File.Exists(Path.Combine(OutputFolder, "api-reference-phone.axe.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task TheAccessibilityCheckFailsOnSeriousViolationsAndNamesThem()
    {
        var page = await NewPageAsync();
        await page.SetContentAsync("""<html lang="en"><head><title>Broken</title></head><body><main><img src="chart.png"><button></button></main></body></html>""");

        var failure = await Should.ThrowAsync<Exception>(() => CheckAccessibilityAsync(page, "self-test-broken"));

        failure.Message.ShouldContain("image-alt");
        failure.Message.ShouldContain("button-name");
        failure.Message.ShouldContain("img");
    }

    [Fact]
    public async Task TheAccessibilityCheckPassesAPlainAccessiblePage()
    {
        var page = await NewPageAsync();
        await page.SetContentAsync("""<html lang="en"><head><title>Fine</title></head><body><main><h1>Your audits</h1><p>None yet.</p></main></body></html>""");

        var report = await CheckAccessibilityAsync(page, "self-test-fine");

        report.Blocking.ShouldBeEmpty();
    }

    [Fact]
    public async Task SigningInPressesThePersonsButtonOnTheSignInPage()
    {
        var page = await NewPageAsync(Viewport.Phone);
        await UseStandInSignInPageUntilTheRealOneExistsAsync(page);

        await SignInAsync(page, DemoUsers.OtherYoungAssessor);

        new Uri(page.Url).AbsolutePath.ShouldNotBe("/sign-in");
        if (_standInUsed)
        {
            page.Url.ShouldEndWith($"signed-in={DemoUsers.OtherYoungAssessor}");
        }
    }

    [Fact]
    public async Task AKeyboardUserTabsToAPersonAndPressesEnter()
    {
        var page = await NewPageAsync(Viewport.Desktop);
        await UseStandInSignInPageUntilTheRealOneExistsAsync(page);
        await GoToAsync(page, "/sign-in");

        var focused = await TabToAsync(page, "Jay");
        await PressAsync(page, "Enter");

        focused.Role.ShouldBe("button");
        new Uri(page.Url).AbsolutePath.ShouldNotBe("/sign-in");
        if (_standInUsed)
        {
            page.Url.ShouldEndWith($"signed-in={DemoUsers.YoungAssessor}");
        }
    }

    [Fact]
    public async Task ReadsTheMainLandmarkAsSentencesForItsReadingAge()
    {
        var page = await NewPageAsync(Viewport.Phone);
        await page.SetContentAsync("""
            <html lang="en"><body>
            <header>Children's services audit</header>
            <main><h1>Your audits</h1><ul><li>Check the plan</li><li>Grade it</li></ul><p>The cat sat. The dog ran.</p></main>
            </body></html>
            """);

        var sentences = ReadingAge.SplitSentences(await ReadingAge.MainTextAsync(page));
        var age = await ReadingAge.OfMainAsync(page);

        sentences.ShouldBe(["Your audits", "Check the plan", "Grade it", "The cat sat.", "The dog ran."]);
        age.Grade.ShouldBeLessThanOrEqualTo(7);
    }

    [Fact]
    public async Task SavesAScreenshotAndTheHtmlOfAPageForDiagnosis()
    {
        var page = await NewPageAsync();
        await GoToAsync(page, "/health/live");

        await SaveDiagnosticsAsync(page, "failures/self-test");

        File.Exists(Path.Combine(OutputFolder, "failures", "self-test.png")).ShouldBeTrue();
        (await File.ReadAllTextAsync(Path.Combine(OutputFolder, "failures", "self-test.html"))).ShouldContain("Healthy");
    }

    /// <summary>
    /// While the service has no /sign-in page (it answers 404), the browser is shown a stand-in shaped like the one
    /// being built: every demo person as a button with their display name and role, posting back to /sign-in.
    /// Once the real page exists, requests pass through untouched and these tests drive it.
    /// </summary>
    private async Task UseStandInSignInPageUntilTheRealOneExistsAsync(IPage page)
    {
        var people = await Fixture.App.WithDbAsync(db => db.Staff.AsNoTracking().OrderBy(s => s.DisplayName).ToListAsync());
        var buttons = new StringBuilder();
        foreach (var person in people)
        {
            buttons.Append($"""<li><button name="userName" value="{WebUtility.HtmlEncode(person.UserName)}">{WebUtility.HtmlEncode(person.DisplayName)} <span>{WebUtility.HtmlEncode(string.Join(", ", person.Roles))}</span></button></li>""");
        }

        await page.RouteAsync("**/sign-in", async route =>
        {
            // The real page's redirect goes back to the browser, which follows it, rather than being followed here.
            var real = await route.FetchAsync(new() { MaxRedirects = 0 });
            if (real.Status != (int)HttpStatusCode.NotFound)
            {
                await route.FulfillAsync(new() { Response = real });
                return;
            }

            _standInUsed = true;
            if (route.Request.Method == "POST")
            {
                await route.FulfillAsync(new()
                {
                    Status = (int)HttpStatusCode.SeeOther,
                    Headers = new Dictionary<string, string> { ["Location"] = $"/health/live?{route.Request.PostData}".Replace("userName=", "signed-in=", StringComparison.Ordinal) },
                });
                return;
            }

            await route.FulfillAsync(new()
            {
                ContentType = "text/html; charset=utf-8",
                Body = $"""<!DOCTYPE html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in</title></head><body><main><h1>Sign in as a demo person</h1><form method="post" action="/sign-in"><ul>{buttons}</ul></form></main></body></html>""",
            });
        });
    }
}
