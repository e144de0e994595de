using Audit.Api.Features.Templates;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Templates;

/// <summary>Every template as its newest version, active ones first, retired ones after them.</summary>
[ServiceNavigationLink("Templates", "/templates", Order = 20, Roles = [Role.PrincipalSocialWorker])]
public sealed class TemplatesModel(ISender sender) : PageModel
{
    public IReadOnlyList<TemplateDto> Templates { get; private set; } = [];

    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var templates = await sender.Send(new ListTemplates(IncludeRetired: true), ct);
        Templates = [.. templates.Items.OrderBy(t => t.RetiredAt is not null)];
        Total = templates.Total;
    }
}
