using Audit.Api.Auth;
using Audit.Api.Features.Actions;
using Audit.Api.Infrastructure;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Actions;

/// <summary>The follow-up actions the caller works or oversees: escalated and overdue first, then open, closed last.</summary>
[Authorize(Policy = Permissions.Managers)]
[ServiceNavigationLink("Follow-up actions", "/actions", Order = 30, Roles = [Role.TeamManager])]
public sealed class ActionsModel(ISender sender, ICurrentUser user) : PageModel
{
    public string Heading { get; private set; } = "";

    public IReadOnlyList<ActionDto> Open { get; private set; } = [];

    public IReadOnlyList<ActionDto> Done { get; private set; } = [];

    public bool ShowTeam { get; private set; }

    public PaginationModel Pagination { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        // The handler answers only the actions the caller may see, already in the order that puts what runs late first
        // (open before closed, so a page holds open ones, then closed ones).
        var (page, pagination) = await PaginationModel.ReadAsync(
            pageNumber, (skip, take) => sender.Send(new ListActions(Mine: false, Status: null, skip, take), ct).AsTask(), n => $"/actions?page={n}");
        var actions = page.Items;
        Pagination = pagination;
        Open = [.. actions.Where(a => a.IsOpen())];
        Done = [.. actions.Except(Open)];
        ShowTeam = actions.Select(a => a.TeamId).Distinct().Count() > 1;
        Heading = user.IsIn(Role.TeamManager) ? "Your team's follow-up actions" : "Follow-up actions";
    }
}
