using Audit.Api.Features.Notifications;
using Audit.Api.Notifications;
using Audit.Domain.Notifications;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Notifications;

/// <summary>
/// E-mails the outbox parked after its last attempt, for the PSW: who each was for, what kind, how often it was tried
/// and why it failed, with "Try again" to put it back in the outbox. Never the notification's words.
/// </summary>
public sealed class ParkedModel(ISender sender) : PageModel
{
    public IReadOnlyList<ParkedMessageDto> Parked { get; private set; } = [];

    public PaginationModel Pagination { get; private set; } = null!;

    /// <summary>Set after "Try again" sends the person back here.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Requeued { get; set; }

    public async Task OnGetAsync([FromQuery] int? page, CancellationToken ct)
    {
        (var parked, Pagination) = await PaginationModel.ReadAsync(
            page, (skip, take) => sender.Send(new ListParkedMessages(skip, take), ct).AsTask(), n => $"/notifications/parked?page={n}");
        Parked = parked.Items;
    }

    public async Task<IActionResult> OnPostRequeueAsync(long id, CancellationToken ct)
    {
        await sender.Send(new RequeueParkedMessage(id), ct);
        return Redirect("/notifications/parked?requeued=true");
    }

    public static string KindWords(NotificationKind kind) => kind switch
    {
        NotificationKind.Assignment => "Case files to grade",
        NotificationKind.Reminder => "Reminder",
        NotificationKind.Escalation => "Escalation",
        NotificationKind.ModerationNeeded => "Moderation needed",
        NotificationKind.ActionRaised => "Action raised",
        NotificationKind.Concern => "Concern raised",
        _ => "Workflow",
    };

    public static string FailureWords(string? kind) => kind switch
    {
        OutboxErrorKinds.Timeout => "The mail server did not answer in time",
        OutboxErrorKinds.Refused => "The mail server refused the e-mail",
        OutboxErrorKinds.Unreachable => "The mail server could not be reached",
        OutboxErrorKinds.SignInFailed => "The service could not sign in to the mail server",
        OutboxErrorKinds.NoAddress => "The person has no e-mail address",
        _ => "Something else went wrong",
    };

    public static SummaryListModel Summary(ParkedMessageDto message) => new(
    [
        new SummaryRow("Notification", KindWords(message.Kind)),
        new SummaryRow("Written", Audits.AuditWords.DateTime(message.CreatedAt)),
        new SummaryRow("Tries", message.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new SummaryRow("Last failure", FailureWords(message.LastErrorKind)),
        new SummaryRow("Parked", Audits.AuditWords.DateTime(message.ParkedAt)),
    ]);
}
