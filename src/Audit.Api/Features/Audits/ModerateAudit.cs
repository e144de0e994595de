using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Api.Infrastructure;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Workflows.Catalogue;
using FluentValidation;
using Mediator;

namespace Audit.Api.Features.Audits;

public sealed record ModeratedGradeInput(Guid? CriterionId, Grade? Grade, string? Reason) : IGradeInput;

public sealed record ModerateAuditBody(IReadOnlyList<ModeratedGradeInput>? Grades, Grade? Overall);

public sealed record ModerateAudit(Guid AuditId, IReadOnlyList<ModeratedGradeInput>? Grades, Grade? Overall) : IRequest<AuditView>;

internal sealed class ModerateAuditValidator : AbstractValidator<ModerateAudit>
{
    public ModerateAuditValidator()
    {
        RuleFor(x => x.Grades).NotEmpty();
        // Every criterion's mistakes at once, not only the first criterion's.
        RuleForEach(x => x.Grades).Cascade(CascadeMode.Continue).SetValidator(new GradeInputValidator<ModeratedGradeInput>(x => x.Reason, "Give the reason for the moderated grade."));
        RuleFor(x => x.Overall).IsInEnum();
    }
}

/// <summary>The principal social worker confirms or changes grades, with reasons; the grades become final.</summary>
internal sealed class ModerateAuditHandler(AuditDbContext db, AuditWorkflow workflow, AuditAnswer answer, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ModerateAudit, AuditView>
{
    public async ValueTask<AuditView> Handle(ModerateAudit request, CancellationToken cancellationToken)
    {
        var aggregate = await AuditAggregate.LoadAsync(db, request.AuditId, cancellationToken);
        workflow.Permissions(aggregate).EnsureMayFire(Triggers.Moderate);
        var (audit, template, _, _, _) = aggregate;
        audit.RecordModeration(
            template,
            user.UserName!,
            request.Grades!.Select(g => new GradeEntry(g.CriterionId!.Value, g.Grade!.Value, g.Reason!)).ToList(),
            request.Overall,
            clock.GetUtcNow());
        await workflow.FireAsync(aggregate, Triggers.Moderate, $"Moderated {request.Grades!.Count} grade(s).", cancellationToken);
        return await answer.SaveAndShowAsync(aggregate, cancellationToken);
    }
}
