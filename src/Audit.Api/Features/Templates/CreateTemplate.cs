using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Mediator;

namespace Audit.Api.Features.Templates;

public sealed record CreateTemplate(string? Name, IReadOnlyList<CriterionInput>? Criteria, TargetInput? Target, IReadOnlyList<GraderRole>? Graders)
    : IRequest<TemplateDto>, ITemplateInput;

internal sealed class CreateTemplateValidator : TemplateInputValidator<CreateTemplate>;

internal sealed class CreateTemplateHandler(AuditDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<CreateTemplate, TemplateDto>
{
    public async ValueTask<TemplateDto> Handle(CreateTemplate request, CancellationToken cancellationToken)
    {
        var template = new Template(
            Guid.CreateVersion7(),
            request.Name!,
            TemplateInputs.CriteriaOf(request),
            TemplateInputs.TargetOf(request),
            request.Graders!,
            user.UserName!,
            clock.GetUtcNow());
        db.Templates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        return template.ToDto(latest: true);
    }
}
