using System.Net;
using Audit.Api.Tests.Support;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>The browser harness proves itself against pages the service has today.</summary>
public sealed class HarnessTests(BrowserFixture fixture) : BrowserTest(fixture)
{
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
    public async Task SigningInPressesThePersonsButtonAndTheHeaderSaysWhoAndInWhatRole()
    {
        var page = await NewPageAsync(Viewport.Phone);
        await GoToAsync(page, "/sign-in");
        await CheckAccessibilityAsync(page, "sign-in-phone");

        await SignInAsync(page, DemoUsers.OtherYoungAssessor);

        new Uri(page.Url).AbsolutePath.ShouldBe("/");
        (await page.GetByRole(AriaRole.Banner).InnerTextAsync()).ShouldContain("Signed in as Mo, Young assessor");
        await CheckAccessibilityAsync(page, "home-young-assessor-phone");
    }

    [Fact]
    public async Task AKeyboardUserTabsToAPersonAndPressesEnter()
    {
        var page = await NewPageAsync(Viewport.Desktop);
        await GoToAsync(page, "/sign-in");

        var focused = await TabToAsync(page, "Jay");
        await PressAsync(page, "Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        focused.Role.ShouldBe("button");
        (await page.GetByRole(AriaRole.Banner).InnerTextAsync()).ShouldContain("Signed in as Jay");
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
}
