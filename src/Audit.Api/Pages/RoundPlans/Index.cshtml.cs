using Audit.Api.Features.RoundPlans;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.RoundPlans;

/// <summary>Every round plan: its template, its schedule in words, the next three dates it opens, paused or active.</summary>
[ServiceNavigationLink("Round plans", "/round-plans", Order = 45, Roles = [Role.PrincipalSocialWorker])]
public sealed class RoundPlansModel(ISender sender) : PageModel
{
    public IReadOnlyList<RoundPlanDto> Plans { get; private set; } = [];

    public PaginationModel Pagination { get; private set; } = null!;

    /// <summary>Set after a deletion sends the person here: the name of the plan deleted.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Deleted { get; set; }

    public async Task OnGetAsync([FromQuery] int? page, CancellationToken ct)
    {
        (var plans, Pagination) = await PaginationModel.ReadAsync(
            page, (skip, take) => sender.Send(new ListRoundPlans(skip, take), ct).AsTask(), n => $"/round-plans?page={n}");
        Plans = plans.Items;
    }
}
