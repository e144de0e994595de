using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Templates;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Templates;

/// <summary>
/// Finding a template's versions. An audit holds the id of the version it started on and keeps it; anything that
/// starts new audits asks <see cref="NewestForNewRoundsAsync"/> for the version to start them on.
/// </summary>
public static class TemplateVersions
{
    /// <summary>
    /// The newest version of the template that <paramref name="anyVersionId"/> is a version of, with its criteria,
    /// for a new round. Refuses (as a fault in the request's <c>templateId</c>) a template that does not exist or is retired.
    /// </summary>
    public static async Task<Template> NewestForNewRoundsAsync(AuditDbContext db, Guid anyVersionId, CancellationToken ct)
    {
        var lineageId = await db.Templates.Where(t => t.Id == anyVersionId).Select(t => (Guid?)t.LineageId).SingleOrDefaultAsync(ct)
            ?? throw new InvalidFieldException("templateId", $"There is no template {anyVersionId}.");
        var newest = await db.Templates.Include(t => t.Criteria)
            .Where(t => t.LineageId == lineageId)
            .OrderByDescending(t => t.Version)
            .FirstAsync(ct);
        return newest.IsRetired
            ? throw new InvalidFieldException("templateId", $"The template '{newest.Name}' is retired, so new rounds cannot use it.")
            : newest;
    }

    /// <summary>Every version of the template that <paramref name="anyVersionId"/> is a version of, tracked, with their criteria.</summary>
    internal static async Task<TemplateLineage> LineageOfAsync(AuditDbContext db, Guid anyVersionId, CancellationToken ct)
    {
        var lineageId = await db.Templates.Where(t => t.Id == anyVersionId).Select(t => (Guid?)t.LineageId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Template", anyVersionId);
        return new TemplateLineage(await db.Templates.Include(t => t.Criteria).Where(t => t.LineageId == lineageId).ToListAsync(ct));
    }

    /// <summary>The templates no newer version of which exists.</summary>
    internal static IQueryable<Template> Newest(this IQueryable<Template> templates, IQueryable<Template> all) =>
        templates.Where(t => !all.Any(newer => newer.LineageId == t.LineageId && newer.Version > t.Version));

    /// <summary>The newest version number of each template, by lineage.</summary>
    internal static Task<Dictionary<Guid, int>> NewestVersionsAsync(IQueryable<Template> all, CancellationToken ct) =>
        all.GroupBy(t => t.LineageId).Select(g => new { g.Key, Newest = g.Max(t => t.Version) }).ToDictionaryAsync(x => x.Key, x => x.Newest, ct);
}
