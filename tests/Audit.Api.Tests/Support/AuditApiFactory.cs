using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Audit.Api.Tests.Support;

/// <summary>
/// The real service, in process, on its own database (a SQLite file in a fresh temporary folder, or a fresh PostgreSQL
/// database for that folder when <see cref="TestDatabase.IsPostgres"/>), with demo data seeded and the repository's
/// workflow definitions (or a folder the test names).
/// </summary>
public sealed class AuditApiFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Action<IServiceCollection>? _configureServices;

    private readonly IReadOnlyDictionary<string, string?> _settings;

    public AuditApiFactory(
        string? workflowsPath = null,
        string environment = "Development",
        string? folder = null,
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        _configureServices = configureServices;
        _settings = settings ?? new Dictionary<string, string?>();
        _ownsFolder = folder is null;
        Folder = folder ?? NewFolder();
        Directory.CreateDirectory(Folder);
        WorkflowsPath = workflowsPath;
        Environment = environment;
    }

    private readonly bool _ownsFolder;

    public const string SigningKey = "integration-tests-signing-key-of-at-least-32-bytes";

    public string Folder { get; }

    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "audit-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public string DatabasePath => TestDatabase.SqlitePath(Folder);

    public string? WorkflowsPath { get; }

    public string Environment { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>What the host logged as errors, for a test's failure message.</summary>
    public ServerErrors Errors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in TestDatabase.SettingsFor(Folder))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Limits:SignInPerMinute", "1000");
        builder.UseSetting("DemoData:Audits", "false");

        // Many hosts share this process: a whole-heap collection as each starts would stop all the others.
        builder.UseSetting("Startup:CollectAfterStart", "false");

        // The periodic workers' first pass as soon as the host has started (the tests' clock is a fake one, which
        // would never reach a first-pass delay unless a test moved it).
        builder.UseSetting(WorkerStart.FirstPassDelaySetting, "0");

        // Backups, anchors and their key in the test's own folder, whichever database holds the rest.
        builder.UseSetting("RecordKeeping:BackupFolder", Path.Combine(Folder, "backups"));
        builder.UseSetting("RecordKeeping:AnchorFolder", Path.Combine(Folder, "anchors"));
        builder.UseSetting("RecordKeeping:AnchorKeyFile", Path.Combine(Folder, "anchor-signing-key.pem"));
        if (WorkflowsPath is not null)
        {
            builder.UseSetting("Workflows:Path", WorkflowsPath);
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            _configureServices?.Invoke(services);
        });
    }

    public AuditClient ClientFor(string userName, string? council = null) => new(CreateClient(), userName, council, Errors);

    /// <summary>Works on the database as the default council, or as <paramref name="council"/>.</summary>
    public async Task<T> WithDbAsync<T>(Func<AuditDbContext, Task<T>> work, string? council = null)
    {
        await using var scope = Services.CreateAsyncScope();
        using var inCouncil = scope.ServiceProvider.GetRequiredService<Audit.Api.Tenancy.CurrentCouncil>().Enter(council ?? Audit.Api.Tenancy.CurrentCouncil.Default);
        return await work(scope.ServiceProvider.GetRequiredService<AuditDbContext>());
    }

    /// <summary>Gives a second council the demo people, teams, case files and templates the default council starts with.</summary>
    public Task SeedCouncilAsync(string council) =>
        WithDbAsync(async db => { await DemoData.SeedAsync(db, Clock, CancellationToken.None); return 0; }, council);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsFolder)
        {
            TestDatabase.Delete(Folder);
        }
    }
}
