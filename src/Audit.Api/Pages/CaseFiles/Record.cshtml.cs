using Audit.Api.Auth;
using Audit.Api.Features.SubjectAccess;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.CaseFiles;

/// <summary>Everything held about one case file, to read or print for a request for the file: the PSW alone.</summary>
[Authorize(Policy = Permissions.SubjectAccess)]
public sealed class RecordModel(ISender sender) : PageModel
{
    public CaseFileRecord Record { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Record = await sender.Send(new ExportCaseFileRecord(id), ct);

    /// <summary>A criterion's title in an audit, by its id.</summary>
    public static string Criterion(Features.Audits.AuditView audit, Guid criterionId) =>
        audit.Criteria.FirstOrDefault(c => c.Id == criterionId)?.Title ?? "A criterion no longer in the template";
}
