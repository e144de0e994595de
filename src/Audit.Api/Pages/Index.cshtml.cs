using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Domain.Users;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages;

/// <summary>The signed-in person's start: what their roles do here, and the pages they have.</summary>
[ServiceNavigationLink("Home", "/", Order = 0)]
public sealed class IndexModel(ICurrentUser user, ServiceNavigation navigation) : PageModel
{
    private static readonly Dictionary<string, string> Work = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Role.PrincipalSocialWorker] = "You configure audit templates, plan audit rounds, moderate grades, and read the dashboard for the Corporate Parenting Board.",
        [Role.Auditor] = "You grade the case files assigned to you: each criterion with the evidence in the record, and an overall grade.",
        [Role.YoungAssessor] = "You grade review meetings and case files for the voice of the child. Your judgement is recorded as yours, beside the auditor's.",
        [Role.TeamManager] = "You work the follow-up actions raised for your team's case files, and close each with what changed for the child.",
        [Role.ServiceManager] = "You receive escalations when a team's actions run overdue, and compare teams.",
        [Role.Practitioner] = "You read the final grades of audits of the case files you hold, and add your reflection on each: your team manager reads it with the follow-up action.",
    };

    public IReadOnlyList<(string Role, string Work)> Roles { get; private set; } = [];

    public IReadOnlyList<ServiceNavigationLinkAttribute> Links { get; private set; } = [];

    public void OnGet()
    {
        Roles = Role.All.Where(user.IsIn).Select(role => (PersonClaims.Describe(role), Work[role])).ToList();
        Links = navigation.For(user).Where(link => link.Href != "/").ToList();
    }
}
