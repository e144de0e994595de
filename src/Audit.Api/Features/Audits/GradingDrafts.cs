using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Audit.Workflows.Catalogue;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Audits;

/// <summary>A criterion in a draft as a request carries it: the grade, the evidence, or both may be missing.</summary>
public sealed record DraftGradeInput(Guid? CriterionId, Grade? Grade, string? Evidence);

public sealed record SaveGradingDraftBody(IReadOnlyList<DraftGradeInput>? Grades, Grade? Overall);

/// <summary>Keeps what the caller has entered so far for their grading of the audit, replacing their earlier draft.</summary>
public sealed record SaveGradingDraft(Guid AuditId, IReadOnlyList<DraftGradeInput>? Grades, Grade? Overall) : IRequest<GradingDraftView>;

/// <summary>The caller's draft for their grading of the audit; an empty draft when they have saved none.</summary>
public sealed record GetGradingDraft(Guid AuditId) : IRequest<GradingDraftView>;

public sealed record DraftGradeView(Guid CriterionId, Grade? Grade, string? Evidence);

/// <summary>
/// The caller's own draft, in template order. <see cref="Version"/> is 0 and <see cref="UpdatedAt"/> null while nothing
/// has been saved. It names no one: the caller knows who they are.
/// </summary>
public sealed record GradingDraftView(Guid AuditId, GraderRole Role, IReadOnlyList<DraftGradeView> Grades, Grade? Overall, DateTimeOffset? UpdatedAt, int Version);

internal sealed class SaveGradingDraftValidator : AbstractValidator<SaveGradingDraft>
{
    public SaveGradingDraftValidator()
    {
        RuleFor(x => x.Grades).Must(g => g is null || g.Count <= Template.MaxCriteria)
            .WithMessage($"A draft holds at most {Template.MaxCriteria} criteria.");
        RuleForEach(x => x.Grades).NotNull().ChildRules(grade =>
        {
            grade.RuleFor(x => x.CriterionId).NotEmpty();
            grade.RuleFor(x => x.Grade).IsInEnum();
            grade.RuleFor(x => x.Evidence).MaximumTrimmedLength(CaseFileAudit.MaxTextLength);
        });
        RuleFor(x => x.Overall).IsInEnum();
    }
}

/// <summary>
/// Saves and reads grading drafts. Same rules as grading: an audit the caller may not see answers 404, one they see but
/// do not grade answers 403, and once their grading is submitted a save answers 409.
/// </summary>
internal sealed class GradingDraftHandlers(AuditDbContext db, AuditWorkflow workflow, AccessLog accessLog, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<SaveGradingDraft, GradingDraftView>, IRequestHandler<GetGradingDraft, GradingDraftView>
{
    public async ValueTask<GradingDraftView> Handle(SaveGradingDraft request, CancellationToken cancellationToken)
    {
        var aggregate = await AuditAggregate.LoadAsync(db, request.AuditId, cancellationToken);
        var permissions = workflow.Permissions(aggregate).EnsureMaySee();
        var (audit, template, _, _, _) = aggregate;
        var me = user.UserName!;
        var role = GraderRoleOf(audit, me);
        var draft = await GradingDrafts.FindAsync(db, audit.Id, me, role, cancellationToken);
        if (draft is null)
        {
            draft = GradingDraft.Start(audit, me, role);
            db.GradingDrafts.Add(draft);
        }

        draft.Record(
            audit,
            template,
            (request.Grades ?? []).Select(g => new DraftEntry(g.CriterionId!.Value, g.Grade, g.Evidence)).ToList(),
            request.Overall,
            clock.GetUtcNow());

        // A draft is only worth keeping while the grading could still be submitted (not once the audit is cancelled).
        permissions.EnsureMayFire(Triggers.SubmitGrading);
        await db.SaveChangesAsync(cancellationToken);
        return GradingDrafts.View(audit.Id, role, draft, template);
    }

    public async ValueTask<GradingDraftView> Handle(GetGradingDraft request, CancellationToken cancellationToken)
    {
        var aggregate = await AuditAggregate.LoadAsync(db, request.AuditId, cancellationToken);
        workflow.Permissions(aggregate).EnsureMaySee();
        var me = user.UserName!;
        var role = GraderRoleOf(aggregate.Audit, me);
        var draft = await GradingDrafts.FindAsync(db, aggregate.Audit.Id, me, role, cancellationToken);
        accessLog.Record(AccessViews.GradingDraft, aggregate.CaseFile.Id, aggregate.Audit.Id);
        await db.SaveChangesAsync(cancellationToken);
        return GradingDrafts.View(aggregate.Audit.Id, role, draft, aggregate.Template);
    }

    /// <summary>The role the caller grades in: the first they have not yet submitted in, as for grading itself.</summary>
    private static GraderRole GraderRoleOf(CaseFileAudit audit, string me) =>
        audit.RoleToGradeIn(me) ?? throw new ForbiddenException("This audit is not assigned to you to grade.");
}

internal static class GradingDrafts
{
    public static Task<GradingDraft?> FindAsync(AuditDbContext db, Guid auditId, string grader, GraderRole role, CancellationToken ct) =>
        DraftOf(db, auditId, grader, role, ct);

    // Every grading asks (to discard it): compiled once rather than translated each time.
    private static readonly Func<AuditDbContext, Guid, string, GraderRole, CancellationToken, Task<GradingDraft?>> DraftOf = EF.CompileAsyncQuery(
        (AuditDbContext db, Guid auditId, string grader, GraderRole role, CancellationToken ct) =>
            db.GradingDrafts.Include(d => d.Grades).SingleOrDefault(d => d.AuditId == auditId && d.Grader == grader && d.Role == role));

    // Whether there is one to discard: most gradings have none, and this asks less of the database than loading it.
    private static readonly Func<AuditDbContext, Guid, string, GraderRole, CancellationToken, Task<bool>> AnyDraft = EF.CompileAsyncQuery(
        (AuditDbContext db, Guid auditId, string grader, GraderRole role, CancellationToken ct) =>
            db.GradingDrafts.Any(d => d.AuditId == auditId && d.Grader == grader && d.Role == role));

    /// <summary>Submitting a grading discards the grader's draft, with its grades, in the same SaveChanges.</summary>
    public static async Task DiscardAsync(AuditDbContext db, Guid auditId, string grader, GraderRole role, CancellationToken ct)
    {
        if (await AnyDraft(db, auditId, grader, role, ct) && await FindAsync(db, auditId, grader, role, ct) is { } draft)
        {
            db.GradingDrafts.Remove(draft);
        }
    }

    public static GradingDraftView View(Guid auditId, GraderRole role, GradingDraft? draft, Template template) =>
        draft is null
            ? new GradingDraftView(auditId, role, [], null, null, 0)
            : new GradingDraftView(
                auditId,
                role,
                template.Criteria.OrderBy(c => c.Position)
                    .Select(c => draft.For(c.Id))
                    .OfType<DraftGrade>()
                    .Select(g => new DraftGradeView(g.CriterionId, g.Grade, g.Evidence))
                    .ToList(),
                draft.Overall,
                draft.UpdatedAt,
                draft.Version);
}
