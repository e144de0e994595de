using Audit.Api.Features.Teams;
using Audit.Domain.Teams;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Audit.Api.Pages.Rounds;

/// <summary>Which service areas and teams the round covers; none ticked covers them all.</summary>
public sealed class ScopeModel(ISender sender) : RoundStepModel(sender)
{
    [BindProperty]
    public List<ServiceArea> ServiceAreas { get; set; } = [];

    [BindProperty]
    public List<Guid> Teams { get; set; } = [];

    public IReadOnlyList<TeamDto> AllTeams { get; private set; } = [];

    protected override RoundStep ThisStep => RoundStep.Scope;

    public async Task OnGetAsync(CancellationToken ct)
    {
        ServiceAreas = Answers.ServiceAreas;
        Teams = Answers.Teams;
        AllTeams = (await Sender.Send(new ListTeams(), ct)).Items;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Answers.ServiceAreas = ServiceAreas;
        Answers.Teams = Teams;
        if (await SaveAndGoOnAsync(ct) is { } next)
        {
            return next;
        }

        AllTeams = (await Sender.Send(new ListTeams(), ct)).Items;
        return Page();
    }
}
