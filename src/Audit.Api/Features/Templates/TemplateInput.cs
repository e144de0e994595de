using Audit.Api.Infrastructure;
using Audit.Domain.Grading;
using Audit.Domain.Templates;
using FluentValidation;

namespace Audit.Api.Features.Templates;

/// <param name="PlainWords">Optional: the criterion in plain words for young assessors, shown to them instead of the title and guidance.</param>
public sealed record CriterionInput(string? Title, string? Guidance, string? PlainWords = null);

public sealed record TargetInput(Grade? AtLeast, int? Percent);

/// <summary>What a template is made of, as creating one and editing one (making its next version) both send it.</summary>
public interface ITemplateInput
{
    string? Name { get; }
    IReadOnlyList<CriterionInput>? Criteria { get; }
    TargetInput? Target { get; }
    IReadOnlyList<GraderRole>? Graders { get; }
}

/// <summary>The rules every template's inputs meet, whether they make a first version or the next one.</summary>
internal abstract class TemplateInputValidator<T> : AbstractValidator<T>
    where T : ITemplateInput
{
    protected TemplateInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name for the template.")
            .MaximumTrimmedLength(200).WithMessage("The name must be 200 characters or fewer.");
        RuleFor(x => x.Criteria).NotEmpty().WithMessage("Enter at least one criterion.")
            .Must(c => c!.Count <= Template.MaxCriteria).WithMessage($"A template has at most {Template.MaxCriteria} criteria.");
        RuleForEach(x => x.Criteria).ChildRules(c =>
        {
            c.RuleFor(x => x.Title).NotEmpty().WithMessage("Enter a title.")
                .MaximumTrimmedLength(500).WithMessage("The title must be 500 characters or fewer.");
            c.RuleFor(x => x.Guidance).MaximumTrimmedLength(4000).WithMessage("The guidance must be 4,000 characters or fewer.");
            c.RuleFor(x => x.PlainWords).MaximumTrimmedLength(4000).WithMessage("The plain words must be 4,000 characters or fewer.");
        });
        RuleFor(x => x.Target).NotNull().WithMessage("Enter the target.");
        RuleFor(x => x.Target!.AtLeast).NotNull().WithMessage("Select the target grade.")
            .IsInEnum().WithMessage("Select a grade on the scale.")
            .When(x => x.Target is not null);
        RuleFor(x => x.Target!.Percent).NotNull().WithMessage("Enter the target percentage.")
            .InclusiveBetween(1, 100).WithMessage("The target percentage must be between 1 and 100.")
            .When(x => x.Target is not null);
        RuleFor(x => x.Graders).NotEmpty().WithMessage("Every template is graded by an auditor.")
            .Must(g => g!.Contains(GraderRole.Auditor)).WithMessage("Every template is graded by an auditor.");
        RuleForEach(x => x.Graders).IsInEnum().NotEqual(GraderRole.SecondAuditor).WithMessage("Graders are auditors and young assessors.");
    }
}

internal static class TemplateInputs
{
    public static IEnumerable<(string Title, string Guidance, string? PlainWords)> CriteriaOf(ITemplateInput input) =>
        input.Criteria!.Select(c => (c.Title!, c.Guidance ?? "", c.PlainWords));

    public static Target TargetOf(ITemplateInput input) => new(input.Target!.AtLeast!.Value, input.Target.Percent!.Value);
}
