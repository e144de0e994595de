using Audit.Api.Auth;
using Audit.Api.Features.Actions;
using Audit.Api.Pages.Actions;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Service;

/// <summary>The service manager's view: open, overdue and escalated actions per team, then the late actions themselves.</summary>
[Authorize(Policy = Permissions.Managers)]
[ServiceNavigationLink("Overdue and escalated actions", "/service", Order = 30, Roles = [Role.ServiceManager])]
public sealed class ServiceOverviewModel(ISender sender) : PageModel
{
    public IReadOnlyList<TeamActionCounts> Teams { get; private set; } = [];

    public IReadOnlyList<ActionDto> Late { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Both handlers answer only the teams and actions the caller may see: a service manager's own service.
        Teams = (await sender.Send(new ActionCountsByTeam(), ct)).Items;
        var actions = (await sender.Send(new ListActions(Mine: false, Status: null, Take: ListActions.MaxTake), ct)).Items;
        Late = [.. actions.Where(a => a.IsOpen() && (a.Status == Domain.Actions.ActionStatus.Escalated || a.Overdue))];
    }
}
