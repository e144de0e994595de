using Audit.Api.Features.RoundPlans;
using Audit.Api.Features.Teams;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.RoundPlans;

/// <summary>One round plan: what it opens, when next, and pausing or resuming it.</summary>
public sealed class RoundPlanModel(ISender sender) : PageModel
{
    public RoundPlanDto Plan { get; private set; } = null!;

    public IReadOnlyList<string> TeamNames { get; private set; } = [];

    /// <summary>Set after a save sends the person here.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    /// <summary>The button pressed: true to resume the plan, false to pause it.</summary>
    [BindProperty]
    public bool Active { get; set; }

    /// <summary>Set after pausing or resuming, to say so.</summary>
    public bool Changed { get; private set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var changed = await this.TrySendAsync(sender, new SetRoundPlanActive(id, Active), ct);
        Changed = changed.Succeeded;
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Plan = await sender.Send(new GetRoundPlan(id), ct);
        if (Plan.Teams.Count > 0)
        {
            var teams = (await sender.Send(new ListTeams(), ct)).Items;
            TeamNames = [.. teams.Where(t => Plan.Teams.Contains(t.Id)).Select(t => t.Name).Order()];
        }
    }
}
