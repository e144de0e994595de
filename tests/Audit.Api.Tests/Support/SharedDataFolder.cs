using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Support;

/// <summary>
/// One database folder that several service instances use in turn (a restart) or at once (two instances), with
/// the background workers off so that tests drive timers, plans and the outbox themselves.
/// </summary>
public sealed class SharedDataFolder : IDisposable
{
    public string Path { get; } = AuditApiFactory.NewFolder();

    public AuditApiFactory Instance(Action<IServiceCollection>? configureServices = null) =>
        new(folder: Path, configureServices: configureServices, settings: new Dictionary<string, string?>
        {
            ["Timers:RunInBackground"] = "false",
            ["Notifications:DispatchInBackground"] = "false",
        });

    public void Dispose() => TestDatabase.Delete(Path);
}
