using Audit.Api.Features.Workflows;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Workflows;

/// <summary>Every workflow the service runs, each with its versions, newest first.</summary>
[ServiceNavigationLink("Workflows", "/workflows", Order = 60, Roles = [Role.PrincipalSocialWorker])]
public sealed class WorkflowsModel(ISender sender) : PageModel
{
    public IReadOnlyList<IGrouping<string, WorkflowVersionSummary>> Workflows { get; private set; } = [];

    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var versions = await sender.Send(new ListWorkflows(), ct);
        Total = versions.Total;
        Workflows = [.. versions.Items.OrderByDescending(v => v.Version).GroupBy(v => v.Name).OrderBy(g => g.Key, StringComparer.Ordinal)];
    }
}
