using Audit.Api.Auth;
using Audit.Api.Features.Audits;
using Audit.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Audits;

/// <summary>The confirmation that a concern has gone, saying who has been told (for a young assessor, without names).</summary>
public sealed class ConcernSentModel(ISender sender, ICurrentUser user) : PageModel
{
    public AuditView Audit { get; private set; } = null!;

    public bool PlainWords { get; private set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Audit = await sender.Send(new GetAudit(id), ct);
        PlainWords = Permissions.SeesMinimised(user);
    }
}
