using Audit.Api.Infrastructure;
using Audit.Api.Workflows;
using Audit.Domain.Actions;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Workflows.Catalogue;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;

namespace Audit.Api.Auth;

/// <summary>
/// What one caller may see and do with one audit, from the caller, the audit with its team and actions, and the
/// workflow definition the audit is pinned to. The workflow knows which roles fire a trigger and in which state;
/// this adds what only the host knows: whose audit and whose action it is.
/// </summary>
public sealed class AuditPermissions
{
    private readonly ICurrentUser _user;
    private readonly AuditAggregate _aggregate;
    private readonly WorkflowDefinition _definition;
    private IReadOnlyList<string>? _permitted;

    public AuditPermissions(ICurrentUser user, AuditAggregate aggregate, WorkflowDefinition definition)
    {
        _user = user;
        _aggregate = aggregate;
        _definition = definition;
        MaySee = Permissions.MaySee(user, aggregate.Audit, aggregate.Team);
    }

    private string Me => _user.UserName ?? "";

    private CaseFileAudit Audit => _aggregate.Audit;

    public bool MaySee { get; }

    public bool SeesMinimised => Permissions.SeesMinimised(_user);

    /// <summary>
    /// The triggers the caller may fire on this audit now, in the order the definition declares them. The blind second
    /// auditor's grading is outside the workflow: they may submit it in any state but Cancelled, and that is all they may do.
    /// </summary>
    public IReadOnlyList<string> PermittedTriggers => _permitted ??= IsOnlySecondMarker
        ? (MaySecondMark ? [Triggers.SubmitGrading] : [])
        : [.. WorkflowRuntime.PermittedTriggers(_definition, Audit.State, new Actor(Me, _user.Roles), _aggregate.Facts()).Where(IsTheCallers)];

    /// <summary>
    /// The caller grades this audit only as its blind second auditor: they see no other grader's grades, no moderation,
    /// no final grades and no actions (the PSW, who oversees everything, is never blind).
    /// </summary>
    public bool IsOnlySecondMarker => Audit.IsOnlySecondMarker(Me) && !_user.IsIn(Domain.Users.Role.PrincipalSocialWorker);

    /// <summary>The blind second auditor has yet to submit, and the audit is not cancelled.</summary>
    public bool MaySecondMark =>
        Audit.RolesOf(Me).Contains(Domain.Grading.GraderRole.SecondAuditor)
        && !Audit.HasGraded(Me, Domain.Grading.GraderRole.SecondAuditor)
        && Audit.State != Features.Rounds.RoundProgress.CancelledState;

    public bool MayFire(string trigger) => MaySee && PermittedTriggers.Contains(trigger);

    /// <summary>Closing an action: the team manager it was raised for, or the team's manager now.</summary>
    public bool MayClose(FollowUpAction action) => Permissions.MayClose(_user, action, _aggregate.Team);

    /// <summary>Preparing, clearing and previewing the young assessor's extract: the PSW, or the audit's auditor.</summary>
    public bool MayEditExtract => MaySee && Permissions.MayEditExtract(_user, Audit.Assignments.Any(a => a.UserName == Me && a.Role == Domain.Grading.GraderRole.Auditor));

    /// <summary>The audit, if the caller may see it; otherwise 404, as if it did not exist.</summary>
    public AuditPermissions EnsureMaySee() => MaySee ? this : throw new NotFoundException("Audit", Audit.Id);

    /// <summary>
    /// Refuses, before any change is made: 404 for an audit the caller may not see, 403 for a trigger that is not
    /// theirs to fire, 409 for one that cannot fire in the audit's state now.
    /// </summary>
    public void EnsureMayFire(string trigger)
    {
        EnsureMaySee();
        if (trigger == Triggers.SubmitGrading && !Audit.RolesOf(Me).Any())
        {
            throw new ForbiddenException("This audit is not assigned to you to grade.");
        }

        var declared = _definition.Trigger(trigger);
        if (declared is not null && !declared.Roles.Any(_user.IsIn))
        {
            throw new ForbiddenException($"Only {string.Join(" or ", declared.Roles)} may {trigger} on this audit.");
        }

        if (trigger == Triggers.SubmitGrading && AllMyGradingsIn())
        {
            throw new Domain.DomainConflictException("You have already submitted your grading for this audit.");
        }

        if (trigger == Triggers.SubmitGrading && Audit.RoleToGradeIn(Me) is { } gradingAs && !HoldsTheRoleToGradeAs(gradingAs))
        {
            throw new ForbiddenException($"You are assigned to grade this audit as {gradingAs}, and you do not hold the {gradingAs.HeldAs()} role.");
        }

        if (trigger == Triggers.SubmitGrading && Audit.RoleToGradeIn(Me) == Domain.Grading.GraderRole.SecondAuditor)
        {
            if (!MaySecondMark)
            {
                throw new Domain.DomainConflictException("This audit was cancelled: its second marking is no longer needed.");
            }

            return;
        }

        if (!PermittedTriggers.Contains(trigger))
        {
            throw new TriggerNotPermittedException(Audit.State, trigger, PermittedTriggers);
        }
    }

    private bool AllMyGradingsIn() => Audit.RolesOf(Me).All(role => Audit.HasGraded(Me, role));

    /// <summary>A grader grades only in a role they hold now: an auditor as an Auditor, a young assessor as a YoungAssessor.</summary>
    private bool HoldsTheRoleToGradeAs(Domain.Grading.GraderRole role) => _user.IsIn(role.HeldAs());

    private bool IsTheCallers(string trigger) => trigger switch
    {
        Triggers.SubmitGrading => Audit.RolesOf(Me).Any() && !AllMyGradingsIn() && Audit.RoleToGradeIn(Me) is { } role && HoldsTheRoleToGradeAs(role),
        Triggers.CloseAction => _aggregate.Actions.Any(a => a.IsOpen && MayClose(a)),
        _ => true,
    };
}
