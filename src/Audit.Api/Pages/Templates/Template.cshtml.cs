using Audit.Api.Features.Templates;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Templates;

/// <summary>One version of a template: its criteria, target and graders, and the versions before and after it.</summary>
public sealed class TemplateModel(ISender sender) : PageModel
{
    public TemplateDto Template { get; private set; } = null!;

    public IReadOnlyList<TemplateDto> Versions { get; private set; } = [];

    public TemplateDto Newest => Versions[0];

    /// <summary>Set after a save sends the person here: the version they just saved.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public bool MayEdit => Template.Latest && Template.RetiredAt is null;

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Template = await sender.Send(new GetTemplate(id), ct);
        Versions = (await sender.Send(new ListTemplateVersions(id), ct)).Items;
    }
}
