using Audit.Api.Features.Rounds;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Rounds;

/// <summary>A round: its details, how far its audits have got, and each audit with where it is.</summary>
public sealed class RoundModel(ISender sender) : PageModel
{
    /// <summary>Set after "Open this round": the page says the round was opened.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Opened { get; set; }

    public RoundDto Round { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Round = await sender.Send(new GetRound(id), ct);
}
