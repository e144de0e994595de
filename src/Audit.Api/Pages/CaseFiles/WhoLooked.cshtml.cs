using Audit.Api.Auth;
using Audit.Api.Features.CaseFiles;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.CaseFiles;

/// <summary>Who looked at a case file, newest first, a page at a time: for the principal social worker alone.</summary>
[Authorize(Policy = Permissions.PrincipalSocialWorker)]
public sealed class WhoLookedModel(ISender sender) : PageModel
{
    public IReadOnlyList<AccessRecordDto> Records { get; private set; } = [];

    public PaginationModel Pagination { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, [FromQuery] int? page, CancellationToken ct)
    {
        (var log, Pagination) = await PaginationModel.ReadAsync(
            page, (skip, take) => sender.Send(new GetAccessLog(id, skip, take), ct).AsTask(), n => $"/case-files/{id}/who-looked?page={n}");
        Records = log.Items;
    }

    /// <summary>What the person looked at, in words.</summary>
    public static string View(string view) => view switch
    {
        "audit" => "The audit",
        "audit list" => "A list of audits",
        "case-file list" => "A list of case files",
        "young assessor preview" => "The young assessor's preview",
        "grading draft" => "A grading draft",
        "moderation queue" => "The moderation queue",
        "moderation" => "The audit, to moderate it",
        "subject access export" => "Everything held, exported for a request for the file",
        _ => view,
    };
}
