using Audit.Api.Features.Notifications;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Notifications;

/// <summary>
/// The caller's own notifications, newest first, each linking to its audit or action and marked read one at a time.
/// A notification holds only what the service wrote, never a child's or anyone's identifying detail.
/// </summary>
public sealed class NotificationsModel(ISender sender) : PageModel
{
    public IReadOnlyList<NotificationDto> Notifications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Notifications = (await sender.Send(new ListNotifications(UnreadOnly: false), ct)).Items;

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken ct)
    {
        await sender.Send(new MarkNotificationRead(id), ct);
        return RedirectToPage();
    }
}
