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

    /// <summary>The registry, and the definition files' versions, which every council runs; a version a PSW publishes is their council's alone.</summary>
    public void Replace(WorkflowRegistry registry, IEnumerable<WorkflowDefinition> files)
    {
        Files = new WorkflowRegistry(files);
        Replace(registry);
    }

    /// <summary>The definition files' versions: every council's.</summary>
    public WorkflowRegistry Files { get; private set; } = new([]);

    /// <summary>The versions the current council (the context's) may see: the files' and those its PSW published.</summary>
    public async Task<IReadOnlyList<WorkflowDefinition>> VisibleAsync(AuditDbContext db, CancellationToken ct)
    {
        var published = (await db.PublishedWorkflows.AsNoTracking().Select(w => new { w.Name, w.Version }).ToListAsync(ct))
            .Select(w => (w.Name, w.Version)).ToHashSet();
        return Registry.All.Where(d => Files.Get(d.Name, d.Version) is not null || published.Contains((d.Name, d.Version))).ToList();
    }

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
        // A file's version is every council's; any other, the current council's own (the council filter), loaded once.
        if (Files.Get(name, version) is { } shared)
        {
            return shared;
        }

        var stored = db.PublishedWorkflows.AsNoTracking().SingleOrDefault(w => w.Name == name && w.Version == version);
        if (stored is null)
        {
            return null;
        }

        if (Registry.Get(name, version) is { } known)
        {
            return known;
        }

        var definition = WorkflowLoader.Parse(stored.Json, $"published {name} v{version}");
        Add(definition);
        return definition;
    }

    /// <summary>The newest version of a workflow the current council runs: its own PSW's newest or the files', whichever is newer.</summary>
    public async Task<WorkflowDefinition?> LatestAsync(AuditDbContext db, string name, CancellationToken ct)
    {
        var newest = await db.PublishedWorkflows.Where(w => w.Name == name).MaxAsync(w => (int?)w.Version, ct);
        var file = Files.Latest(name);
        return newest is { } version && (file is null || version > file.Version) ? FindOrLoad(db, name, version) : file;
    }
}
