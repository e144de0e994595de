using Audit.Api.Features.Workflows;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Workflows;

/// <summary>
/// Publish a new version of a workflow: the JSON pasted or uploaded, sent as the API's publish request and checked the
/// same way, every error listed with its JSON path and what was pasted kept.
/// </summary>
public sealed class PublishModel(ISender sender) : PageModel
{
    public const string DefinitionField = nameof(Definition);
    public const string FileField = nameof(File);

    [BindProperty]
    public string? Definition { get; set; }

    [BindProperty]
    public new IFormFile? File { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (File is { Length: > 0 } file)
        {
            using var reader = new StreamReader(file.OpenReadStream());
            Definition = await reader.ReadToEndAsync(ct);
        }

        var published = await this.TrySendAsync(sender, new PublishWorkflow(Definition ?? ""), ct, _ => DefinitionField);
        if (published.Succeeded)
        {
            return Redirect(WorkflowWords.Path(published.Value!.Name, published.Value.Version) + "?published=true");
        }

        // The page shows what was sent, the uploaded file's text included, so it can be corrected here.
        return Page();
    }
}
