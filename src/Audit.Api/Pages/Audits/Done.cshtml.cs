using Audit.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Audits;

/// <summary>The confirmation once the grader's grades are in, and what happens next.</summary>
public sealed class DoneModel(ISender sender, ICurrentUser user) : PageModel
{
    public GradingContext Grading { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Grading = await GradingContext.LoadAsync(sender, user, id, ct);
        return Grading.Submitted is null ? Redirect(AuditPaths.Check(id)) : Page();
    }
}
