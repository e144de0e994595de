using Audit.Api.Auth;
using Audit.Api.Features.Audits;
using Audit.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Audits;

/// <summary>The safeguarding fast lane: anyone who may see the audit says what worried them, whatever its state.</summary>
public sealed class ConcernModel(ISender sender, ICurrentUser user) : PageModel
{
    [BindProperty]
    public string? Description { get; set; }

    public Guid AuditId { get; private set; }

    public bool PlainWords { get; private set; }

    public string Heading => PlainWords ? "Tell us what worried you" : "Raise a safeguarding concern";

    public async Task OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var raised = await this.TrySendAsync(sender, new RaiseConcern(id, Description), ct, _ => nameof(Description));
        if (raised.Succeeded)
        {
            return Redirect(AuditPaths.ConcernSent(id));
        }

        if (string.IsNullOrWhiteSpace(Description) && ModelState.ErrorFor(nameof(Description)) is not null)
        {
            ModelState.Remove(nameof(Description));
            ModelState.AddModelError(nameof(Description), PlainWords ? "Tell us what worried you" : "Describe the concern");
        }

        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        // Only someone who may see the audit may raise a concern on it; anyone else finds nothing here.
        var audit = await sender.Send(new GetAudit(id), ct);
        AuditId = audit.Id;
        PlainWords = Permissions.SeesMinimised(user);
    }
}
