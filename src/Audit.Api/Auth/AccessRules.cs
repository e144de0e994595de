using Audit.Api.Infrastructure;
using Audit.Domain.Actions;
using Audit.Domain.Audits;
using Audit.Domain.Teams;
using Audit.Domain.Users;

namespace Audit.Api.Auth;

/// <summary>
/// Who may see which object, in one place. Each rule is written once for a loaded object and once as a query
/// filter, side by side. An object the caller may not see answers 404, so that its existence is not revealed;
/// an object they may see but not change answers 403.
/// </summary>
public static class AccessRules
{
    /// <summary>Audits: the PSW all; graders those assigned to them; a team manager their team's; a service manager their service's.</summary>
    public static bool CanSee(this ICurrentUser user, CaseFileAudit audit, Team team)
    {
        var me = user.UserName ?? "";
        return user.IsIn(Role.PrincipalSocialWorker)
            || audit.IsAssigned(me)
            || (user.IsIn(Role.TeamManager) && team.TeamManager == me)
            || (user.IsIn(Role.ServiceManager) && team.ServiceManager == me);
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

    /// <summary>Actions: the PSW all; the assignee; the team's manager; the service manager over the team.</summary>
    public static bool CanSee(this ICurrentUser user, FollowUpAction action, Team team)
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
    public static bool CanClose(this ICurrentUser user, FollowUpAction action, Team team) =>
        user.IsIn(Role.TeamManager) && (action.Assignee == user.UserName || team.TeamManager == user.UserName);

    /// <summary>Extracts for young assessors: the PSW, or an auditor auditing the case file.</summary>
    public static bool CanEditExtract(this ICurrentUser user, bool auditsTheCaseFile) =>
        user.IsIn(Role.PrincipalSocialWorker) || (user.IsIn(Role.Auditor) && auditsTheCaseFile);
}

/// <summary>A follow-up action with its team, as the action queries project it.</summary>
public interface IActionRow
{
    FollowUpAction Action { get; }
    Team Team { get; }
}
