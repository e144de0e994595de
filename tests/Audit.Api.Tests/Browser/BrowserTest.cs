using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// Base of every browser test: fresh browser contexts (so no cookie leaks between tests), journey helpers that
/// screenshot each page they visit, accessibility and keyboard helpers, and a screenshot plus the page's HTML for
/// every open page when the test fails.
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public abstract partial class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    /// <summary>The axe rule sets a page must meet: WCAG 2.2 AA, as the public sector accessibility regulations ask.</summary>
    public static readonly IReadOnlyList<string> AccessibilityTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private readonly List<IBrowserContext> _contexts = [];
    private int _step;

    protected BrowserFixture Fixture => fixture;

    protected static string OutputFolder => BrowserFixture.OutputFolder;

    /// <summary>The class and method of the running test, used to name its screenshots.</summary>
    protected static string TestName =>
        $"{TestContext.Current.TestClass?.TestClassSimpleName}.{TestContext.Current.TestMethod?.MethodName}";

    protected static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            var pages = _contexts.SelectMany(c => c.Pages).ToList();
            for (var i = 0; i < pages.Count; i++)
            {
                await SaveDiagnosticsAsync(pages[i], Path.Combine("failures", $"{TestName}-page{i + 1}"));
            }
        }

        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A page in a new browser context of its own (viewport, touch and cookies belong to a context). Requests that
    /// would leave this machine are refused, so a page never waits on the closed network. For a second tab in the
    /// same session use <c>page.Context.NewPageAsync()</c>.
    /// </summary>
    protected Task<IPage> NewPageAsync(Viewport? viewport = null) => NewPageAsync(viewport ?? Viewport.Desktop, fixture.BaseAddress);

    /// <summary>A page in a fresh context on a service of the test's own (another app on its own port), not the shared one.</summary>
    protected async Task<IPage> NewPageAsync(Viewport viewport, Uri service)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = service.ToString(),
            ViewportSize = new ViewportSize { Width = viewport.Width, Height = viewport.Height },
            IsMobile = viewport.IsMobile,
            HasTouch = viewport.HasTouch,
            DeviceScaleFactor = viewport.DeviceScaleFactor,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        _contexts.Add(context);
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        await context.RouteAsync(url => !IsThisService(url, service), route =>
        {
            Log($"Refused a request off this machine: {route.Request.Url}");
            return route.AbortAsync("blockedbyclient");
        });
        return await context.NewPageAsync();
    }

    private static bool IsThisService(string url, Uri service) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme is not ("http" or "https" or "ws" or "wss")
            || (uri.Host == service.Host && uri.Port == service.Port));

    /// <summary>Opens a path of the service, insists on the status, and screenshots the page as a journey step.</summary>
    protected async Task<IResponse> GoToAsync(IPage page, string path, int expectedStatus = 200)
    {
        var response = await page.GotoAsync(path)
            ?? throw new InvalidOperationException($"Opening {path} gave no response.");
        response.Status.ShouldBe(expectedStatus, $"GET {path}");
        await StepScreenshotAsync(page);
        return response;
    }

    /// <summary>
    /// Signs in on the development sign-in page: opens /sign-in and presses the button whose accessible name holds
    /// the person's display name as a whole word (so "Mo" never presses "Moira").
    /// </summary>
    protected async Task SignInAsync(IPage page, string userName)
    {
        var displayName = await fixture.App.WithDbAsync(db => db.Staff
                .Where(s => s.UserName == userName)
                .Select(s => s.DisplayName)
                .SingleOrDefaultAsync())
            ?? throw new ArgumentException($"There is no demo person '{userName}'.", nameof(userName));

        await GoToAsync(page, "/sign-in");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = WholeWords(displayName) }).ClickAsync();
        await page.WaitForLoadStateAsync();
        new Uri(page.Url).AbsolutePath.ShouldNotBe("/sign-in", $"Signing in as {displayName} ({userName}) stayed on the sign-in page.");
        await StepScreenshotAsync(page);
    }

    /// <summary>A pattern matching the text as whole words, written so that it reads the same in .NET and JavaScript.</summary>
    public static Regex WholeWords(string text) =>
        new($@"\b{JavaScriptSpecials().Replace(text, @"\$0")}\b");

    [GeneratedRegex(@"[.*+?^${}()|[\]\\/]")]
    private static partial Regex JavaScriptSpecials();

    /// <summary>A full-page PNG named <paramref name="name"/> in the output folder; returns its path.</summary>
    protected static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = OutputPath(name, ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Log($"Screenshot: {path}");
        return path;
    }

    /// <summary>A screenshot named after the test, the step and the page's path.</summary>
    protected Task<string> StepScreenshotAsync(IPage page)
    {
        var path = new Uri(page.Url).AbsolutePath.Trim('/').Replace('/', '-');
        return ScreenshotAsync(page, $"{TestName}-{++_step:00}-{(path.Length == 0 ? "home" : path)}");
    }

    /// <summary>A screenshot and the HTML of the page, for looking into a failure; never throws.</summary>
    protected static async Task SaveDiagnosticsAsync(IPage page, string name)
    {
        try
        {
            var html = OutputPath(name, ".html");
            await File.WriteAllTextAsync(html, await page.ContentAsync());
            Log($"Page HTML ({page.Url}): {html}");
            await ScreenshotAsync(page, name);
        }
        catch (PlaywrightException e)
        {
            Log($"Could not save the page {page.Url} for diagnosis: {e.Message}");
        }
    }

    private static string OutputPath(string name, string extension)
    {
        var safe = string.Join("/", name.Split('/', '\\').Select(part => string.Concat(part.Select(c =>
            char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-'))));
        var path = Path.Combine(OutputFolder, safe + extension);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>
    /// Runs axe against WCAG 2.2 AA. Every violation goes to the test output and to {name}.axe.txt; the test fails,
    /// listing them, when any is serious or critical.
    /// </summary>
    protected static async Task<AccessibilityReport> CheckAccessibilityAsync(IPage page, string name)
    {
        var report = await AccessibilityReportAsync(page, name);
        if (report.Blocking.Count > 0)
        {
            Assert.Fail($"{page.Url} has {report.Blocking.Count} serious or critical accessibility violation(s):\n{AccessibilityReport.Describe(report.Blocking)}");
        }

        return report;
    }

    /// <summary>Runs axe against WCAG 2.2 AA and reports what it finds, without failing.</summary>
    protected static async Task<AccessibilityReport> AccessibilityReportAsync(IPage page, string name)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. AccessibilityTags] },
        });
        var report = new AccessibilityReport(name, page.Url, result.Violations);
        var text = report.ToString();
        await File.WriteAllTextAsync(OutputPath(name, ".axe.txt"), text);
        Log(text);
        return report;
    }

    /// <summary>The role and accessible name of the element that has focus, as a screen reader would announce it.</summary>
    protected static async Task<FocusedElement?> FocusedAsync(IPage page)
    {
        var focused = page.Locator("*:focus");
        if (await focused.CountAsync() == 0)
        {
            return null;
        }

        var snapshot = await focused.First.AriaSnapshotAsync();
        var match = AriaLine().Match(snapshot);
        return match.Success
            ? new FocusedElement(match.Groups["role"].Value, Regex.Unescape(match.Groups["name"].Value))
            : new FocusedElement("generic", snapshot.Trim());
    }

    [GeneratedRegex("""^- (?<role>[\w-]+)(?: "(?<name>(?:[^"\\]|\\.)*)")?""", RegexOptions.Multiline)]
    private static partial Regex AriaLine();

    /// <summary>Presses Tab until the focused element's accessible name contains <paramref name="name"/>; fails past <paramref name="limit"/> presses.</summary>
    protected static async Task<FocusedElement> TabToAsync(IPage page, string name, int limit = 40)
    {
        var passed = new List<FocusedElement?>();
        for (var i = 0; i < limit; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await FocusedAsync(page);
            if (focused is not null && focused.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                return focused;
            }

            passed.Add(focused);
        }

        Assert.Fail($"Pressed Tab {limit} times on {page.Url} and never reached \"{name}\". Focus went: {string.Join(" → ", passed.Select(f => f?.ToString() ?? "(nothing)"))}");
        return null!;
    }

    /// <summary>Presses a key (Enter, Space, Escape…) on the focused element, waits for any page it opens, and screenshots a new page.</summary>
    protected async Task PressAsync(IPage page, string key)
    {
        var before = page.Url;
        await page.Locator("*:focus").PressAsync(key == "Space" ? " " : key);
        await page.WaitForLoadStateAsync();
        if (page.Url != before)
        {
            await StepScreenshotAsync(page);
        }
    }
}

public sealed record FocusedElement(string Role, string Name)
{
    public override string ToString() => $"{Role} \"{Name}\"";
}

/// <summary>What axe found on one page: serious and critical violations block, the rest are reported.</summary>
public sealed record AccessibilityReport(string Name, string Url, IReadOnlyList<AxeResultItem> Violations)
{
    public IReadOnlyList<AxeResultItem> Blocking { get; } =
        [.. Violations.Where(v => v.Impact is "serious" or "critical")];

    public static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.AppendLine($"- [{v.Impact}] {v.Id}: {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes)
            {
                text.AppendLine($"    at {node.Target}");
            }
        }

        return text.ToString();
    }

    public override string ToString() => Violations.Count == 0
        ? $"Accessibility ({Name}, {Url}): no WCAG 2.2 AA violations found by axe."
        : $"Accessibility ({Name}, {Url}): {Violations.Count} violation(s), {Blocking.Count} serious or critical.\n{Describe(Violations)}";
}
