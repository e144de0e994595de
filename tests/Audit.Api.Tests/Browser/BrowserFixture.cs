using Audit.Api.Tests.Support;
using Microsoft.Playwright;

namespace Audit.Api.Tests.Browser;

/// <summary>
/// The browser tests' shared world: the real service listening on a loopback port, with its own SQLite file in a
/// temporary folder, and one headless Debian Chromium driven by Playwright. Created once for the
/// <see cref="BrowserCollectionDefinition"/>; each test opens its own browser contexts through <see cref="BrowserTest"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium package; CHROMIUM_PATH names another binary on other machines.</summary>
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    private static readonly string[] LaunchArgs =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public AuditApiFactory App { get; } = new();

    /// <summary>Where the service listens, such as http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been launched.");

    public static string ChromiumPath =>
        System.Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : DefaultChromiumPath;

    /// <summary>Screenshots, page HTML and accessibility reports: SCREENSHOTS_DIR, else TestResults/screenshots in the test output.</summary>
    public static string OutputFolder { get; } = Path.GetFullPath(
        System.Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") is { Length: > 0 } folder
            ? folder
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots"));

    public async ValueTask InitializeAsync()
    {
        // Fail loudly, never skip: a missing browser must not pass as a green run.
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath}, and it is not there. " +
                "Install Debian's package (apt-get install chromium; .ci/run does this) or set CHROMIUM_PATH.");
        }

        Directory.CreateDirectory(OutputFolder);

        App.UseKestrel(0);
        App.StartServer();
        BaseAddress = App.ClientOptions.BaseAddress;
        if (BaseAddress.Port == 0 || !BaseAddress.IsLoopback)
        {
            throw new InvalidOperationException($"The service did not report a loopback port of its own: {BaseAddress}.");
        }

        // Playwright's own browser builds cannot be fetched here; the node driver ships inside the NuGet package.
        System.Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        try
        {
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = LaunchArgs,
                Timeout = 60_000,
            });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"Chromium at {ChromiumPath} did not start: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// Browser tests share one service and one browser, and run one after another; the collection as a whole still runs
/// beside the other test classes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollectionDefinition : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
