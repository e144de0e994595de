using Audit.Api.Auth;
using Audit.Api.Features.Audits;
using Audit.Api.Infrastructure;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Team;

/// <summary>The audits of the case files of the caller's team (a service manager: their service's; the PSW: all).</summary>
[Authorize(Policy = Permissions.Managers)]
[ServiceNavigationLink("Your team's audits", "/team/audits", Order = 31, Roles = [Role.TeamManager])]
public sealed class TeamAuditsModel(ISender sender, ICurrentUser user) : PageModel
{
    public string Heading { get; private set; } = "";

    public IReadOnlyList<AuditSummary> Audits { get; private set; } = [];

    public PaginationModel Pagination { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        // Not only those assigned to the caller: the handler answers every audit the caller may see, which for a team
        // manager is their team's.
        var (audits, pagination) = await PaginationModel.ReadAsync(
            pageNumber, (skip, take) => sender.Send(new ListAudits(Mine: false, State: null, skip, take), ct).AsTask(), n => $"/team/audits?page={n}");
        (Audits, Pagination) = (audits.Items, pagination);
        Heading = user.IsIn(Role.TeamManager) ? "Your team's audits" : "Audits of your teams";
    }
}
