using Audit.Api.Persistence;
using Audit.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Workflows;

/// <summary>
/// At start-up: loads and validates every definition file, refuses a file that changes a published version,
/// records new versions, and builds the registry from the files plus every version published before (so an audit
/// keeps running on its version even after that file is gone).
/// </summary>
internal static class WorkflowPublisher
{
    /// <summary>
    /// Publishes the files' new versions (recorded in the default council, which starts the service) and answers the
    /// registry with the files' versions, which every council runs (<see cref="WorkflowRegistryHolder.Files"/>).
    /// </summary>
    public static async Task<(WorkflowRegistry Registry, IReadOnlyList<WorkflowDefinition> Files)> PublishAsync(AuditDbContext db, string directory, TimeProvider clock, CancellationToken ct)
    {
        var fromFiles = WorkflowLoader.LoadDirectory(directory);
        Infrastructure.StartupWork.Mark("workflow files loaded");

        // Which versions are published, and their hashes, in one plain query (StartupReads): EF's first LINQ query
        // costs most of a second of processor time at start. EF reads only what the plain query cannot settle: the
        // date a changed version was published, for the message, and the versions no file holds any more.
        var stored = await StartupReads.PublishedWorkflowsAsync(db, db.CouncilId, ct)
            ?? [.. (await db.PublishedWorkflows.AsNoTracking().ToListAsync(ct)).Select(s => new StoredWorkflow(s.Name, s.Version, s.ContentHash))];
        var byKey = stored.ToDictionary(s => (s.Name, s.Version));

        var changed = fromFiles
            .Where(file => byKey.TryGetValue((file.Name, file.Version), out var published) && published.ContentHash != file.ContentHash)
            .ToList();
        if (changed.Count > 0)
        {
            var published = await db.PublishedWorkflows.AsNoTracking().ToListAsync(ct);
            throw new WorkflowDefinitionException(
                [.. changed.Select(file => new WorkflowDefinitionError(
                    file.Source,
                    "$",
                    $"{file.Name} version {file.Version} was published on {published.First(s => s.Name == file.Name && s.Version == file.Version).PublishedAt:yyyy-MM-dd} with different content. " +
                    "A published version never changes: give your change a new version number in a new file."))]);
        }

        var now = clock.GetUtcNow();
        var added = fromFiles.Where(f => !byKey.ContainsKey((f.Name, f.Version))).ToList();
        if (added.Count > 0)
        {
            db.PublishedWorkflows.AddRange(added.Select(file => PublishedWorkflow.Of(file, now)));
            await db.SaveChangesAsync(ct);
        }

        var inFiles = fromFiles.Select(f => (f.Name, f.Version)).ToHashSet();
        var onlyStored = stored.Any(s => !inFiles.Contains((s.Name, s.Version)))
            ? (await db.PublishedWorkflows.AsNoTracking().ToListAsync(ct))
                .Where(s => !inFiles.Contains((s.Name, s.Version)))
                .Select(s => WorkflowLoader.Parse(s.Json, $"published {s.Name} v{s.Version}"))
                .ToList()
            : [];
        return (new WorkflowRegistry(fromFiles.Concat(onlyStored)), fromFiles);
    }
}
