using Audit.Api.Infrastructure;
using Audit.Domain.Actions;
using Audit.Domain.Audits;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Audit.Domain.Users;

namespace Audit.Api.Auth;

/// <summary>
/// Who may see and do what, in one place: the route policies, the rules for one loaded object (with
/// <see cref="AuditPermissions"/> for an audit), and the same rules as query filters for the lists, side by side.
/// An object the caller may not see answers 404, so that its existence is not revealed; an object they may see but
/// not change answers 403.
/// </summary>
public static class Permissions
{
    /// <summary>Route policy: every role but the young assessor's.</summary>
    public const string Staff = nameof(Staff);

    /// <summary>Route policy: who reads case files as such (the PSW and auditors).</summary>
    public const string CaseFileReaders = nameof(CaseFileReaders);

    /// <summary>Route policy: who works follow-up actions (the PSW and managers).</summary>
    public const string Managers = nameof(Managers);

    /// <summary>Route policy: the principal social worker alone.</summary>
    public const string PrincipalSocialWorker = Role.PrincipalSocialWorker;

    /// <summary>Route policy: who reads whether the graders agree (the PSW, and service managers over their service's audits).</summary>
    public const string GraderAgreement = nameof(GraderAgreement);

    /// <summary>Route policy: social workers whose case files are audited, reading the final grades of those audits.</summary>
    public const string Practitioners = nameof(Practitioners);

    /// <summary>Route policy: the people an audit involves (graders, managers and the PSW); not practitioners, who read their own through Practice.</summary>
    public const string AuditParticipants = nameof(AuditParticipants);

    /// <summary>Route policy: young assessors, reading and grading the reviews assigned to them in shapes of their own.</summary>
    public const string YoungAssessors = nameof(YoungAssessors);

    /// <summary>
    /// Route policy: the monthly service report by team. The PSW, service managers (their service's teams) and team
    /// managers, who see every team as they do on the dashboard (<see cref="DashboardTeams"/> is its scope).
    /// </summary>
    public const string MonthlyReport = Managers;

    /// <summary>
    /// Route policy: the annual report for the Corporate Parenting Board. The PSW and service managers (their service's
    /// teams) alone: it carries the graders' agreement, which team managers do not read (<see cref="GraderAgreement"/>).
    /// </summary>
    public const string BoardReport = GraderAgreement;

    /// <summary>
    /// Route policy: everything held about one case file (a subject access export) and the retention runs that
    /// pseudonymise old case files: the PSW alone, who answers a care leaver's request for their file.
    /// </summary>
    public const string SubjectAccess = PrincipalSocialWorker;

    public static void AddPolicies(Microsoft.AspNetCore.Authorization.AuthorizationBuilder policies) => policies
        .AddPolicy(Staff, p => p.RequireRole(Role.PrincipalSocialWorker, Role.Auditor, Role.TeamManager, Role.ServiceManager))
        .AddPolicy(CaseFileReaders, p => p.RequireRole(Role.PrincipalSocialWorker, Role.Auditor))
        .AddPolicy(Managers, p => p.RequireRole(Role.PrincipalSocialWorker, Role.TeamManager, Role.ServiceManager))
        .AddPolicy(PrincipalSocialWorker, p => p.RequireRole(Role.PrincipalSocialWorker))
        .AddPolicy(GraderAgreement, p => p.RequireRole(Role.PrincipalSocialWorker, Role.ServiceManager))
        .AddPolicy(Practitioners, p => p.RequireRole(Role.Practitioner))
        .AddPolicy(YoungAssessors, p => p.RequireRole(Role.YoungAssessor))
        .AddPolicy(AuditParticipants, p => p.RequireRole(Role.PrincipalSocialWorker, Role.Auditor, Role.YoungAssessor, Role.TeamManager, Role.ServiceManager));

    /// <summary>A young assessor (anyone who is not staff) sees audits without the child's or anyone's identifying detail.</summary>
    public static bool SeesMinimised(ICurrentUser user) =>
        !(user.IsIn(Role.PrincipalSocialWorker) || user.IsIn(Role.Auditor) || user.IsIn(Role.TeamManager) || user.IsIn(Role.ServiceManager));

    /// <summary>Audits: the PSW all; graders those assigned to them; a team manager their team's; a service manager their service's.</summary>
    public static bool MaySee(ICurrentUser user, CaseFileAudit audit, Team team)
    {
        var me = user.UserName ?? "";
        return user.IsIn(Role.PrincipalSocialWorker)
            || audit.IsAssigned(me)
            || (user.IsIn(Role.TeamManager) && team.TeamManager == me)
            || (user.IsIn(Role.ServiceManager) && team.ServiceManager == me);
    }

    /// <summary>
    /// What a practitioner reads: the audits of the case files they now hold (matched by the case file's worker user
    /// name), and only once their grades are final, so that no grader's working is seen before the grades stand.
    /// </summary>
    public static IQueryable<CaseFileAudit> FinalOnFilesHeldBy(this IQueryable<CaseFileAudit> audits, IQueryable<CaseFile> caseFiles, ICurrentUser user)
    {
        var me = user.UserName ?? "";
        var held = caseFiles.Where(c => c.WorkerUserName == me).Select(c => c.Id);
        return audits.Where(a => a.FinalisedAt != null && held.Contains(a.CaseFileId));
    }

    public static IQueryable<CaseFileAudit> VisibleTo(this IQueryable<CaseFileAudit> audits, IQueryable<Team> teams, ICurrentUser user)
    {
        if (user.IsIn(Role.PrincipalSocialWorker))
        {
            return audits;
        }

        var me = user.UserName ?? "";
        var isTeamManager = user.IsIn(Role.TeamManager);
        var isServiceManager = user.IsIn(Role.ServiceManager);
        var managed = teams
            .Where(t => (isTeamManager && t.TeamManager == me) || (isServiceManager && t.ServiceManager == me))
            .Select(t => t.Id);
        return audits.Where(a => a.Assignments.Any(x => x.UserName == me) || managed.Contains(a.TeamId));
    }

    /// <summary>
    /// The audits the agreement report counts for the caller: the PSW all; a service manager those of the teams in their
    /// service (not merely the audits they could open, so that a figure means the same for every service manager).
    /// </summary>
    public static IQueryable<CaseFileAudit> AgreementVisibleTo(this IQueryable<CaseFileAudit> audits, IQueryable<Team> teams, ICurrentUser user)
    {
        if (user.IsIn(Role.PrincipalSocialWorker))
        {
            return audits;
        }

        var me = user.UserName ?? "";
        var isServiceManager = user.IsIn(Role.ServiceManager);
        var managed = teams.Where(t => isServiceManager && t.ServiceManager == me).Select(t => t.Id);
        return audits.Where(a => managed.Contains(a.TeamId));
    }

    /// <summary>
    /// The dashboard (grid, trend, team comparison): the PSW, auditors and team managers see every team's figures; a
    /// service manager (who is none of those) sees only the teams of their service.
    /// </summary>
    public static bool SeesEveryTeamOnTheDashboard(ICurrentUser user) =>
        user.IsIn(Role.PrincipalSocialWorker) || user.IsIn(Role.Auditor) || user.IsIn(Role.TeamManager) || !user.IsIn(Role.ServiceManager);

    /// <summary>The teams whose figures the caller sees on the dashboard (see <see cref="SeesEveryTeamOnTheDashboard"/>).</summary>
    public static IQueryable<Team> DashboardTeams(this IQueryable<Team> teams, ICurrentUser user)
    {
        if (SeesEveryTeamOnTheDashboard(user))
        {
            return teams;
        }

        var me = user.UserName ?? "";
        return teams.Where(t => t.ServiceManager == me);
    }

    /// <summary>Actions: the PSW all; the assignee; the team's manager; the service manager over the team.</summary>
    public static bool MaySee(ICurrentUser user, FollowUpAction action, Team team)
    {
        var me = user.UserName ?? "";
        return user.IsIn(Role.PrincipalSocialWorker)
            || action.Assignee == me
            || (user.IsIn(Role.TeamManager) && team.TeamManager == me)
            || (user.IsIn(Role.ServiceManager) && team.ServiceManager == me);
    }

    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> rows, ICurrentUser user)
        where T : IActionRow
    {
        if (user.IsIn(Role.PrincipalSocialWorker))
        {
            return rows;
        }

        var me = user.UserName ?? "";
        var isTeamManager = user.IsIn(Role.TeamManager);
        var isServiceManager = user.IsIn(Role.ServiceManager);
        return rows.Where(x => x.Action.Assignee == me
            || (isTeamManager && x.Team.TeamManager == me)
            || (isServiceManager && x.Team.ServiceManager == me));
    }

    /// <summary>Closing an action: the team manager it was raised for, or the team's manager now.</summary>
    public static bool MayClose(ICurrentUser user, FollowUpAction action, Team team) =>
        user.IsIn(Role.TeamManager) && (action.Assignee == user.UserName || team.TeamManager == user.UserName);

    /// <summary>The record (an audit's history with its hash check, who looked at a case file): the PSW alone, as the <see cref="PrincipalSocialWorker"/> policy on those pages says.</summary>
    public static bool MaySeeTheRecord(ICurrentUser user) => user.IsIn(Role.PrincipalSocialWorker);

    /// <summary>Extracts for young assessors: the PSW, or an auditor auditing the case file.</summary>
    public static bool MayEditExtract(ICurrentUser user, bool auditsTheCaseFile) =>
        user.IsIn(Role.PrincipalSocialWorker) || (user.IsIn(Role.Auditor) && auditsTheCaseFile);

    /// <summary>
    /// Reports (three views, "You said, we did"): a service manager sees their own service's teams alone; the rest of
    /// the staff see every team, since reports carry no child's or worker's details. Null means every team.
    /// </summary>
    public static IQueryable<Guid>? ReportedTeams(IQueryable<Team> teams, ICurrentUser user)
    {
        if (user.IsIn(Role.PrincipalSocialWorker) || !user.IsIn(Role.ServiceManager))
        {
            return null;
        }

        var me = user.UserName ?? "";
        return teams.Where(t => t.ServiceManager == me).Select(t => t.Id);
    }
}

/// <summary>A follow-up action with its team, as the action queries project it.</summary>
public interface IActionRow
{
    FollowUpAction Action { get; }
    Team Team { get; }
}
