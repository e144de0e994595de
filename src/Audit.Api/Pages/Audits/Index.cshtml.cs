using Audit.Api.Auth;
using Audit.Api.Features.Audits;
using Audit.Api.Infrastructure;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Audits;

/// <summary>What the signed-in grader has to grade and by when; young assessors see no case reference.</summary>
[ServiceNavigationLink("My reviews", AuditPaths.List, Order = 10, Roles = [Role.YoungAssessor])]
[ServiceNavigationLink("My audits", AuditPaths.List, Order = 10, Roles = [Role.Auditor])]
public sealed class IndexModel(ISender sender, ICurrentUser user) : PageModel
{
    public bool PlainWords { get; private set; }

    public string Heading => PlainWords ? "My reviews" : "My audits";

    public IReadOnlyList<AuditSummary> Audits { get; private set; } = [];

    public PaginationModel Pagination { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        PlainWords = Permissions.SeesMinimised(user);
        var (audits, pagination) = await PaginationModel.ReadAsync(
            pageNumber, (skip, take) => sender.Send(new ListAudits(Mine: true, State: null, skip, take), ct).AsTask(), n => $"{AuditPaths.List}?page={n}");
        (Audits, Pagination) = (audits.Items, pagination);
    }

    public static string Status(AuditSummary audit) => audit switch
    {
        { Submitted: true } => "Submitted",
        { State: "Cancelled" } => "Cancelled",
        _ => "To do",
    };
}
