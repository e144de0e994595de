using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Templates;

/// <summary>
/// Saves new inputs as the next version of the template: the version named keeps its criteria, so audits already
/// started on it carry on unchanged. Only the newest version of a template that is not retired may be edited.
/// </summary>
public sealed record EditTemplate(Guid Id, string? Name, IReadOnlyList<CriterionInput>? Criteria, TargetInput? Target, IReadOnlyList<GraderRole>? Graders)
    : IRequest<TemplateDto>, ITemplateInput
{
    public static EditTemplate Of(Guid id, CreateTemplate body) => new(id, body.Name, body.Criteria, body.Target, body.Graders);
}

internal sealed class EditTemplateValidator : TemplateInputValidator<EditTemplate>;

internal sealed class EditTemplateHandler(AuditDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<EditTemplate, TemplateDto>
{
    public async ValueTask<TemplateDto> Handle(EditTemplate request, CancellationToken cancellationToken)
    {
        var lineage = await TemplateVersions.LineageOfAsync(db, request.Id, cancellationToken);
        var next = lineage.Edit(
            request.Id,
            Guid.CreateVersion7(),
            request.Name!,
            TemplateInputs.CriteriaOf(request),
            TemplateInputs.TargetOf(request),
            request.Graders!,
            user.UserName!,
            clock.GetUtcNow());

        // Two edits of the same newest version at once both make the same version number: the unique index on
        // (LineageId, Version) refuses the second, which answers 409.
        db.Templates.Add(next);
        await db.SaveChangesAsync(cancellationToken);
        return next.ToDto(latest: true);
    }
}
