using Audit.Api.Features.Practice;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Practice;

/// <summary>The worker's list: audits of the case files they hold whose grades are final, newest first.</summary>
[ServiceNavigationLink("Your case files", "/my-audits", Order = 15, Roles = [Role.Practitioner])]
public sealed class PracticeAuditsModel(ISender sender) : PageModel
{
    public IReadOnlyList<PracticeAuditSummary> Audits { get; private set; } = [];

    public PaginationModel Pagination { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery] int? page, CancellationToken ct)
    {
        (var audits, Pagination) = await PaginationModel.ReadAsync(
            page, (skip, take) => sender.Send(new ListPracticeAudits(skip, take), ct).AsTask(), n => $"/my-audits?page={n}");
        Audits = audits.Items;
    }
}
