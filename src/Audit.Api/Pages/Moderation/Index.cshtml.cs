using Audit.Api.Features.Moderation;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Moderation;

/// <summary>Audits waiting for moderation, the longest waiting first, each with why it needs moderation.</summary>
[ServiceNavigationLink("Moderation", "/moderation", Order = 50, Roles = [Role.PrincipalSocialWorker])]
public sealed class ModerationQueueModel(ISender sender) : PageModel
{
    public IReadOnlyList<ModerationQueueItem> Waiting { get; private set; } = [];

    public PaginationModel Pagination { get; private set; } = null!;

    /// <summary>Set after moderating sends the person back here: the case file reference of the audit moderated.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Moderated { get; set; }

    public async Task OnGetAsync([FromQuery] int? page, CancellationToken ct)
    {
        (var waiting, Pagination) = await PaginationModel.ReadAsync(
            page, (skip, take) => sender.Send(new ListAwaitingModeration(skip, take), ct).AsTask(), n => $"/moderation?page={n}");
        Waiting = waiting.Items;
    }
}
