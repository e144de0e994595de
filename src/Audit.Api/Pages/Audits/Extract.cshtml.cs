using Audit.Api.Features.Audits;
using Audit.Api.Features.CaseFiles;
using Audit.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Audits;

/// <summary>
/// The audit's auditor (or the PSW) writes the redacted extract the young assessor will read. Saving it leaves it
/// uncleared; the preview shows it as the young assessor will see it before it is cleared.
/// </summary>
public sealed class ExtractModel(ISender sender) : PageModel
{
    [BindProperty]
    public string? Text { get; set; }

    public AuditView Audit { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Text = Audit.CaseFile.RedactedExtract;
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var prepared = await this.TrySendAsync(sender, new PrepareExtract(Audit.CaseFile.Id, Text), ct, _ => nameof(Text));
        if (prepared.Succeeded)
        {
            return Redirect(AuditPaths.ExtractPreview(id));
        }

        if (string.IsNullOrWhiteSpace(Text) && ModelState.ErrorFor(nameof(Text)) is not null)
        {
            ModelState.Remove(nameof(Text));
            ModelState.AddModelError(nameof(Text), "Enter the extract");
        }

        if (prepared.Conflict)
        {
            await LoadAsync(id, ct);
        }

        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Audit = await sender.Send(new GetAudit(id), ct);
        if (!Audit.MayEditExtract)
        {
            throw new ForbiddenException("Only the audit's auditor or the principal social worker prepares its extract.");
        }
    }
}
