using Audit.Api.Features.RoundPlans;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.RoundPlans;

/// <summary>Asks before deleting a round plan; the rounds it opened stay.</summary>
public sealed class DeleteModel(ISender sender) : PageModel
{
    public RoundPlanDto Plan { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Plan = await sender.Send(new GetRoundPlan(id), ct);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Plan = await sender.Send(new GetRoundPlan(id), ct);
        var deleted = await this.TrySendAsync(sender, new DeleteRoundPlan(id), ct);
        return deleted.Succeeded ? Redirect($"/round-plans?deleted={Uri.EscapeDataString(Plan.Name)}") : Page();
    }
}
