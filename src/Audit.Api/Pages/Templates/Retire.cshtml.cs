using Audit.Api.Features.Templates;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Templates;

/// <summary>Asks before retiring a template (all its versions); once retired, the template's page says so.</summary>
public sealed class RetireModel(ISender sender) : PageModel
{
    public TemplateDto Template { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Template = await sender.Send(new GetTemplate(id), ct);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var retired = await this.TrySendAsync(sender, new RetireTemplate(id), ct);
        if (retired.Succeeded)
        {
            return Redirect(TemplateWords.Path(id));
        }

        Template = await sender.Send(new GetTemplate(id), ct);
        return Page();
    }
}
