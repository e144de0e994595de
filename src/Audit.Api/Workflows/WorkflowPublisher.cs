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
        var stored = await db.PublishedWorkflows.AsNoTracking().ToListAsync(ct);

        var changed = fromFiles
            .Select(file => (file, published: stored.FirstOrDefault(s => s.Name == file.Name && s.Version == file.Version)))
            .Where(x => x.published is not null && x.published.ContentHash != x.file.ContentHash)
            .Select(x => new WorkflowDefinitionError(
                x.file.Source,
                "$",
                $"{x.file.Name} version {x.file.Version} was published on {x.published!.PublishedAt:yyyy-MM-dd} with different content. " +
                "A published version never changes: give your change a new version number in a new file."))
            .ToList();
        if (changed.Count > 0)
        {
            throw new WorkflowDefinitionException(changed);
        }

        var now = clock.GetUtcNow();
        foreach (var file in fromFiles.Where(f => !stored.Any(s => s.Name == f.Name && s.Version == f.Version)))
        {
            db.PublishedWorkflows.Add(PublishedWorkflow.Of(file, now));
        }

        // Writes, and waits for the writer gate, only when a version is new.
        await db.SaveChangesAsync(ct);

        var onlyStored = stored
            .Where(s => !fromFiles.Any(f => f.Name == s.Name && f.Version == s.Version))
            .Select(s => WorkflowLoader.Parse(s.Json, $"published {s.Name} v{s.Version}"));
        return (new WorkflowRegistry(fromFiles.Concat(onlyStored)), fromFiles);
    }
}
