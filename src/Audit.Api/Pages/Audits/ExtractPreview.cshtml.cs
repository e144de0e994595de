using Audit.Api.Features.Audits;
using Audit.Api.Features.CaseFiles;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Audits;

/// <summary>
/// Exactly what the young assessor's review page will show, from the same minimised view, with the extract as it will
/// read once cleared; and the button that clears it.
/// </summary>
public sealed class ExtractPreviewModel(ISender sender) : PageModel
{
    public AuditView Preview { get; private set; } = null!;

    [FromQuery(Name = "cleared")]
    public bool JustCleared { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) =>
        Preview = await sender.Send(new GetYoungAssessorPreview(id), ct);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Preview = await sender.Send(new GetYoungAssessorPreview(id), ct);
        var cleared = await this.TrySendAsync(sender, new ClearExtract(Preview.CaseFile.Id), ct);
        if (cleared.Succeeded)
        {
            return Redirect(AuditPaths.ExtractPreview(id) + "?cleared=true");
        }

        Preview = await sender.Send(new GetYoungAssessorPreview(id), ct);
        return Page();
    }
}
