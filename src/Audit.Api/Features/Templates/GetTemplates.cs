using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Templates;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Templates;

/// <summary>
/// Templates by name, each as its newest version, retired ones left out. <paramref name="IncludeRetired"/> adds the
/// retired ones; <paramref name="AllVersions"/> lists every version of each template listed, newest first.
/// </summary>
public sealed record ListTemplates(bool IncludeRetired = false, bool AllVersions = false) : IRequest<Paged<TemplateDto>>;

/// <summary>Any version of a template, old ones included.</summary>
public sealed record GetTemplate(Guid Id) : IRequest<TemplateDto>;

/// <summary>Every version of the template that <paramref name="Id"/> is a version of, newest first.</summary>
public sealed record ListTemplateVersions(Guid Id) : IRequest<Paged<TemplateDto>>;

internal sealed class TemplateQueries(AuditDbContext db)
    : IRequestHandler<ListTemplates, Paged<TemplateDto>>, IRequestHandler<GetTemplate, TemplateDto>, IRequestHandler<ListTemplateVersions, Paged<TemplateDto>>
{
    public async ValueTask<Paged<TemplateDto>> Handle(ListTemplates request, CancellationToken cancellationToken)
    {
        var all = db.Templates.AsNoTracking();
        var templates = request.AllVersions ? all : all.Newest(all);
        if (!request.IncludeRetired)
        {
            templates = templates.Where(t => t.RetiredAt == null);
        }

        var rows = await templates.Include(t => t.Criteria)
            .OrderBy(t => t.Name).ThenBy(t => t.LineageId).ThenByDescending(t => t.Version)
            .ToListAsync(cancellationToken);
        return PagedExtensions.AllOf(await ToDtosAsync(rows, cancellationToken));
    }

    public async ValueTask<TemplateDto> Handle(GetTemplate request, CancellationToken cancellationToken)
    {
        var template = await db.Templates.AsNoTracking().Include(t => t.Criteria).SingleOrDefaultAsync(t => t.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Template", request.Id);
        var latest = !await db.Templates.AnyAsync(t => t.LineageId == template.LineageId && t.Version > template.Version, cancellationToken);
        return template.ToDto(latest);
    }

    public async ValueTask<Paged<TemplateDto>> Handle(ListTemplateVersions request, CancellationToken cancellationToken)
    {
        var lineageId = await db.Templates.Where(t => t.Id == request.Id).Select(t => (Guid?)t.LineageId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Template", request.Id);
        var versions = await db.Templates.AsNoTracking().Include(t => t.Criteria)
            .Where(t => t.LineageId == lineageId)
            .OrderByDescending(t => t.Version)
            .ToListAsync(cancellationToken);
        return PagedExtensions.AllOf(await ToDtosAsync(versions, cancellationToken));
    }

    private async Task<IReadOnlyList<TemplateDto>> ToDtosAsync(List<Template> templates, CancellationToken ct)
    {
        var lineages = templates.Select(t => t.LineageId).Distinct().ToList();
        var newest = await TemplateVersions.NewestVersionsAsync(db.Templates.Where(t => lineages.Contains(t.LineageId)), ct);
        return [.. templates.Select(t => t.ToDto(latest: newest[t.LineageId] == t.Version))];
    }
}
