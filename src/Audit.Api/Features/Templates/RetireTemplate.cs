using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Mediator;

namespace Audit.Api.Features.Templates;

/// <summary>
/// Retires the whole template, whichever version is named: new rounds can no longer use it, audits already started
/// carry on and the dashboard keeps it. Retiring a retired template changes nothing. Answers the version named.
/// </summary>
public sealed record RetireTemplate(Guid Id) : IRequest<TemplateDto>;

internal sealed class RetireTemplateHandler(AuditDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<RetireTemplate, TemplateDto>
{
    public async ValueTask<TemplateDto> Handle(RetireTemplate request, CancellationToken cancellationToken)
    {
        var lineage = await TemplateVersions.LineageOfAsync(db, request.Id, cancellationToken);
        lineage.Retire(user.UserName!, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var named = lineage.Versions.Single(v => v.Id == request.Id);
        return named.ToDto(latest: named == lineage.Newest);
    }
}
