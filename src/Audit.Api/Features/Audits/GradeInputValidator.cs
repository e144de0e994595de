using System.Linq.Expressions;
using Audit.Api.Infrastructure;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using FluentValidation;

namespace Audit.Api.Features.Audits;

/// <summary>A grade for one criterion as a request carries it, with its evidence (grading) or reason (moderation).</summary>
public interface IGradeInput
{
    Guid? CriterionId { get; }
    Grade? Grade { get; }
}

/// <summary>The rules every grade in a request follows: a criterion, a grade on the scale, and the text that backs it.</summary>
internal sealed class GradeInputValidator<T> : AbstractValidator<T>
    where T : IGradeInput
{
    public GradeInputValidator(Expression<Func<T, string?>> text, string missingText)
    {
        RuleFor(x => x.CriterionId).NotEmpty();
        RuleFor(x => x.Grade).NotNull().IsInEnum();
        RuleFor(text).NotEmpty().WithMessage(missingText).MaximumTrimmedLength(CaseFileAudit.MaxTextLength);
    }
}
