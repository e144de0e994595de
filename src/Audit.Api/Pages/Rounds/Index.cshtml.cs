using Audit.Api.Features.Rounds;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Rounds;

/// <summary>The rounds, newest first, a page at a time, each with how far its audits have got.</summary>
[ServiceNavigationLink("Rounds", RoundPaths.List, Order = 40, Roles = [Role.PrincipalSocialWorker])]
public sealed class RoundsModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public IReadOnlyList<RoundSummaryDto> Rounds { get; private set; } = [];

    public PaginationModel Pagination { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var page = PaginationModel.PageFrom(PageNumber);
        var size = PaginationModel.DefaultPageSize;
        var rounds = await sender.Send(new ListRounds((page - 1) * size, size), ct);
        Rounds = rounds.Items;
        Pagination = new PaginationModel(page, size, rounds.Total, n => $"{RoundPaths.List}?page={n}");
    }
}
