using System.Collections.Concurrent;
using Audit.Api.Persistence;
using Audit.Domain.Templates;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Workflows;

/// <summary>
/// Template versions as an audit's rules read them, read from each database once. A version never changes once made
/// (an edit makes the next version; retiring one stops new rounds, not its audits), so every grading of its audits
/// can share one copy, never tracked and never changed.
/// </summary>
internal static class TemplateVersionCache
{
    // By council too: a version is found through the cache only by the council that owns it, as through the query filter.
    private static readonly ConcurrentDictionary<(string Database, string Council, Guid Id), Template> Versions = new();

    public static async Task<Template> GetAsync(AuditDbContext db, Guid id, CancellationToken ct)
    {
        var key = (db.Database.GetConnectionString() ?? "", db.CouncilId, id);
        if (Versions.TryGetValue(key, out var known))
        {
            return known;
        }

        var template = await db.Templates.AsNoTracking().Include(t => t.Criteria).SingleAsync(t => t.Id == id, ct);
        return Versions.GetOrAdd(key, template);
    }
}
