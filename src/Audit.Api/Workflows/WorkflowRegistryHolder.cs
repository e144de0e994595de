using Audit.Api.Persistence;
using Audit.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Workflows;

/// <summary>
/// The registry of every loaded definition version. Built at start-up, once the database has said which versions
/// were published before; replaced whole (never changed in place) when the PSW publishes a new version.
/// </summary>
public sealed class WorkflowRegistryHolder
{
    private readonly Lock _publishing = new();
    private WorkflowRegistry? _registry;

    public WorkflowRegistry Registry =>
        Volatile.Read(ref _registry) ?? throw new InvalidOperationException("Workflow definitions are loaded at start-up, before requests are served.");

    public void Replace(WorkflowRegistry registry) => Volatile.Write(ref _registry, registry);

    /// <summary>Adds a newly published version; requests already running keep the registry they started with.</summary>
    public void Add(WorkflowDefinition definition)
    {
        lock (_publishing)
        {
            Replace(new WorkflowRegistry(Registry.All.Append(definition)));
        }
    }

    /// <summary>
    /// A version this instance has, or one another instance sharing the database published since this one
    /// started, loaded once from the database.
    /// </summary>
    public WorkflowDefinition? FindOrLoad(AuditDbContext db, string name, int version)
    {
        if (Registry.Get(name, version) is { } known)
        {
            return known;
        }

        var stored = db.PublishedWorkflows.AsNoTracking().SingleOrDefault(w => w.Name == name && w.Version == version);
        if (stored is null)
        {
            return null;
        }

        var definition = WorkflowLoader.Parse(stored.Json, $"published {name} v{version}");
        Add(definition);
        return definition;
    }

    /// <summary>The newest published version of a workflow, wherever it was published.</summary>
    public async Task<WorkflowDefinition?> LatestAsync(AuditDbContext db, string name, CancellationToken ct)
    {
        var newest = await db.PublishedWorkflows.Where(w => w.Name == name).MaxAsync(w => (int?)w.Version, ct);
        return newest is { } version ? FindOrLoad(db, name, version) : Registry.Latest(name);
    }
}
