using Audit.Api.Auth;
using Audit.Api.Features.Audits;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Audits;

/// <summary>
/// The record of one audit, for the principal social worker alone: who did what, when, from which state to which,
/// and whether the hash chain over those lines still holds.
/// </summary>
[Authorize(Policy = Permissions.PrincipalSocialWorker)]
public sealed class HistoryModel(ISender sender) : PageModel
{
    public AuditView Audit { get; private set; } = null!;

    public HistoryVerification Check { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Audit = await sender.Send(new GetAudit(id), ct);
        Check = await sender.Send(new VerifyHistory(id), ct);
    }

    /// <summary>A history line's trigger in words.</summary>
    public static string What(string trigger) => trigger switch
    {
        "start" => "Started the audit",
        "submitGrading" => "Submitted a grading",
        "submitSecondMarking" => "Submitted a blind second marking",
        "reauditRequested" => "In the round for a re-audit a team manager asked for",
        "moderate" => "Moderated the grades",
        "closeAction" => "Closed a follow-up action",
        "cancel" => "Cancelled the audit",
        "raiseConcern" => "Raised a safeguarding concern",
        _ when trigger.StartsWith("timer:", StringComparison.Ordinal) => $"Timer \"{trigger["timer:".Length..]}\" fired",
        _ => trigger,
    };
}
