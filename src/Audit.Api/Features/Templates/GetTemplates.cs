using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Templates;

public sealed record ListTemplates : IRequest<IReadOnlyList<TemplateDto>>;

public sealed record GetTemplate(Guid Id) : IRequest<TemplateDto>;

internal sealed class TemplateQueries(AuditDbContext db)
    : IRequestHandler<ListTemplates, IReadOnlyList<TemplateDto>>, IRequestHandler<GetTemplate, TemplateDto>
{
    public async ValueTask<IReadOnlyList<TemplateDto>> Handle(ListTemplates request, CancellationToken cancellationToken) =>
        (await db.Templates.AsNoTracking().Include(t => t.Criteria).OrderBy(t => t.Name).ToListAsync(cancellationToken))
            .Select(t => t.ToDto())
            .ToList();

    public async ValueTask<TemplateDto> Handle(GetTemplate request, CancellationToken cancellationToken) =>
        (await db.Templates.AsNoTracking().Include(t => t.Criteria).SingleOrDefaultAsync(t => t.Id == request.Id, cancellationToken))?.ToDto()
        ?? throw new NotFoundException("Template", request.Id);
}
