using System.Collections.Concurrent;
using Audit.Api.Persistence;
using Audit.Api.Tenancy;
using Audit.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Workflows;

/// <summary>
/// Every loaded definition version: the definition files' (every council's), built at start-up, and the versions each
/// council's PSW published, each kept under its council, since two councils may each publish their own version 2 of the
/// same workflow. A published version never changes, so each is loaded from the database once.
/// </summary>
public sealed class WorkflowRegistryHolder
{
    private readonly ConcurrentDictionary<(string Council, string Name, int Version), WorkflowDefinition> _published = new();
    private WorkflowRegistry? _files;

    /// <summary>The definition files' versions: every council's.</summary>
    public WorkflowRegistry Files =>
        Volatile.Read(ref _files) ?? throw new InvalidOperationException("Workflow definitions are loaded at start-up, before requests are served.");

    /// <summary>The definition files' versions (see <see cref="Files"/>); kept for what asks for a registry.</summary>
    public WorkflowRegistry Registry => Files;

    /// <summary>
    /// Every version loaded, of every council: for what is asked of all versions at once by name and state (the moderation
    /// queue's waiting states), never to find one council's version (<see cref="FindOrLoad"/>).
    /// </summary>
    public IEnumerable<WorkflowDefinition> All => Files.All.Concat(_published.Values);

    /// <summary>
    /// At start-up: the files' versions, and <paramref name="registry"/>'s other versions, those the default council's PSW
    /// published (start-up reads the database as the default council).
    /// </summary>
    public void Replace(WorkflowRegistry registry, IEnumerable<WorkflowDefinition> files)
    {
        var shared = new WorkflowRegistry(files);
        foreach (var definition in registry.All.Where(d => shared.Get(d.Name, d.Version) is null))
        {
            _published[(CurrentCouncil.Default, definition.Name, definition.Version)] = definition;
        }

        Volatile.Write(ref _files, shared);
    }

    /// <summary>The versions the current council (the context's) may see: the files' and those its PSW published.</summary>
    public async Task<IReadOnlyList<WorkflowDefinition>> VisibleAsync(AuditDbContext db, CancellationToken ct)
    {
        var published = await db.PublishedWorkflows.AsNoTracking().Select(w => new { w.Name, w.Version }).ToListAsync(ct);
        return Files.All
            .Concat(published.Where(w => Files.Get(w.Name, w.Version) is null).Select(w => FindOrLoad(db, w.Name, w.Version)).OfType<WorkflowDefinition>())
            .ToList();
    }

    /// <summary>Adds a version <paramref name="council"/>'s PSW has just published.</summary>
    public void Add(string council, WorkflowDefinition definition) => _published[(council, definition.Name, definition.Version)] = definition;

    /// <summary>
    /// A version of the files, or one the current council's PSW published (on this instance or, since it started, on
    /// another sharing the database), loaded once from the database; null for a version the council does not have.
    /// </summary>
    public WorkflowDefinition? FindOrLoad(AuditDbContext db, string name, int version)
    {
        if (Files.Get(name, version) is { } shared)
        {
            return shared;
        }

        var key = (db.CouncilId, name, version);
        if (_published.TryGetValue(key, out var known))
        {
            return known;
        }

        // The council filter: only the current council's own.
        var stored = db.PublishedWorkflows.AsNoTracking().SingleOrDefault(w => w.Name == name && w.Version == version);
        return stored is null ? null : _published.GetOrAdd(key, _ => WorkflowLoader.Parse(stored.Json, $"published {name} v{version}"));
    }

    /// <summary>The newest version of a workflow the current council runs: its own PSW's newest or the files', whichever is newer.</summary>
    public async Task<WorkflowDefinition?> LatestAsync(AuditDbContext db, string name, CancellationToken ct)
    {
        var newest = await db.PublishedWorkflows.Where(w => w.Name == name).MaxAsync(w => (int?)w.Version, ct);
        var file = Files.Latest(name);
        return newest is { } version && (file is null || version > file.Version) ? FindOrLoad(db, name, version) : file;
    }
}
