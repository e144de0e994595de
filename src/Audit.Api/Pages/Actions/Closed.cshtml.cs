using Audit.Api.Auth;
using Audit.Api.Features.Actions;
using Audit.Api.Features.Audits;
using Audit.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Actions;

/// <summary>
/// The confirmation for the person who closed an action: what they recorded, and whether the audit is now complete.
/// Anyone else, or an action not closed, is shown the action itself.
/// </summary>
[Authorize(Policy = Permissions.Managers)]
public sealed class ActionClosedModel(ISender sender, ICurrentUser user) : PageModel
{
    public ActionDto Action { get; private set; } = null!;

    public bool AuditCompleted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Action = await sender.Send(new GetAction(id), ct);
        if (Action.Status != Domain.Actions.ActionStatus.Closed || Action.ClosedBy != user.UserName)
        {
            return RedirectToPage("/Actions/Action", new { id });
        }

        AuditCompleted = (await sender.Send(new GetAudit(Action.AuditId), ct)).CompletedAt is not null;
        return Page();
    }
}
