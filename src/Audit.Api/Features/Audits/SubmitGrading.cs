using Audit.Api.Infrastructure;
using Audit.Api.Infrastructure.Telemetry;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Workflows.Catalogue;
using FluentValidation;
using Mediator;

namespace Audit.Api.Features.Audits;

public sealed record GradeInput(Guid? CriterionId, Grade? Grade, string? Evidence) : IGradeInput;

public sealed record SubmitGradingBody(IReadOnlyList<GradeInput>? Grades, Grade? Overall);

public sealed record SubmitGrading(Guid AuditId, IReadOnlyList<GradeInput>? Grades, Grade? Overall) : IRequest<AuditView>;

internal sealed class SubmitGradingValidator : AbstractValidator<SubmitGrading>
{
    public SubmitGradingValidator()
    {
        RuleFor(x => x.Grades).NotEmpty();
        RuleForEach(x => x.Grades).SetValidator(new GradeInputValidator<GradeInput>(x => x.Evidence, "Say what in the record shows this grade."));
        RuleFor(x => x.Overall).NotNull().IsInEnum();
    }
}

/// <summary>An assigned grader submits their grades, once; the workflow decides whether the audit moves on.</summary>
internal sealed class SubmitGradingHandler(AuditDbContext db, AuditWorkflow workflow, AuditAnswer answer, ICurrentUser user, TimeProvider clock, AuditTelemetry telemetry)
    : IRequestHandler<SubmitGrading, AuditView>
{
    /// <summary>The history line of a blind second auditor's grading: outside the workflow, so the state stays as it is.</summary>
    public const string SecondMarkingTrigger = "submitSecondMarking";

    public async ValueTask<AuditView> Handle(SubmitGrading request, CancellationToken cancellationToken)
    {
        var aggregate = await AuditAggregate.LoadAsync(db, request.AuditId, cancellationToken);
        workflow.Permissions(aggregate).EnsureMayFire(Triggers.SubmitGrading);
        var (audit, template, _, _, _) = aggregate;
        var me = user.UserName!;
        var role = audit.RoleToGradeIn(me)!.Value;
        var grading = audit.RecordGrading(
            template,
            me,
            role,
            request.Grades!.Select(g => new GradeEntry(g.CriterionId!.Value, g.Grade!.Value, g.Evidence!)).ToList(),
            request.Overall!.Value,
            clock.GetUtcNow());
        db.Gradings.Add(grading);
        await GradingDrafts.DiscardAsync(db, audit.Id, me, role, cancellationToken);
        if (role == GraderRole.SecondAuditor)
        {
            // Blind second marking feeds the agreement report alone: it moves nothing on, and is recorded like any grading.
            audit.RecordTransition(me, SecondMarkingTrigger, audit.State, audit.State, "Blind second marking submitted as SecondAuditor.", clock.GetUtcNow());
        }
        else
        {
            await workflow.FireAsync(aggregate, Triggers.SubmitGrading, $"Grading submitted as {role}.", cancellationToken);
        }

        var saved = await answer.SaveAndShowAsync(aggregate, cancellationToken);
        telemetry.GradingSubmitted(role);
        return saved;
    }
}
