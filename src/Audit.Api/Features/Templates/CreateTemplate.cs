using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Grading;
using Audit.Domain.Templates;
using FluentValidation;
using Mediator;

namespace Audit.Api.Features.Templates;

/// <param name="PlainWords">Optional: the criterion in plain words for young assessors, shown to them instead of the title and guidance.</param>
public sealed record CriterionInput(string? Title, string? Guidance, string? PlainWords = null);

public sealed record TargetInput(Grade? AtLeast, int? Percent);

public sealed record CreateTemplate(string? Name, IReadOnlyList<CriterionInput>? Criteria, TargetInput? Target, IReadOnlyList<GraderRole>? Graders)
    : IRequest<TemplateDto>;

internal sealed class CreateTemplateValidator : AbstractValidator<CreateTemplate>
{
    public CreateTemplateValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Criteria).NotEmpty().Must(c => c!.Count <= Template.MaxCriteria)
            .WithMessage($"A template has at most {Template.MaxCriteria} criteria.");
        RuleForEach(x => x.Criteria).ChildRules(c =>
        {
            c.RuleFor(x => x.Title).NotEmpty().MaximumLength(500);
            c.RuleFor(x => x.Guidance).MaximumLength(4000);
            c.RuleFor(x => x.PlainWords).MaximumLength(4000);
        });
        RuleFor(x => x.Target).NotNull();
        RuleFor(x => x.Target!.AtLeast).NotNull().IsInEnum().When(x => x.Target is not null);
        RuleFor(x => x.Target!.Percent).NotNull().InclusiveBetween(1, 100).When(x => x.Target is not null);
        RuleFor(x => x.Graders).NotEmpty()
            .Must(g => g!.Contains(GraderRole.Auditor)).WithMessage("Every template is graded by an auditor.");
        RuleForEach(x => x.Graders).IsInEnum();
    }
}

internal sealed class CreateTemplateHandler(AuditDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<CreateTemplate, TemplateDto>
{
    public async ValueTask<TemplateDto> Handle(CreateTemplate request, CancellationToken cancellationToken)
    {
        var template = new Template(
            Guid.CreateVersion7(),
            request.Name!,
            request.Criteria!.Select(c => (c.Title!, c.Guidance ?? "", c.PlainWords)),
            new Target(request.Target!.AtLeast!.Value, request.Target.Percent!.Value),
            request.Graders!,
            user.UserName!,
            clock.GetUtcNow());
        db.Templates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        return template.ToDto();
    }
}
