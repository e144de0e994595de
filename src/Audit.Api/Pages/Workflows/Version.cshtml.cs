using System.Text;
using System.Text.Json;
using Audit.Api.Features.Workflows;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Workflows;

/// <summary>One version of a workflow: its diagram as a picture, the same written out, and its JSON to download.</summary>
public sealed class VersionModel(ISender sender) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public WorkflowVersionDetail Workflow { get; private set; } = null!;

    /// <summary>Set after publishing sends the person here.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Published { get; set; }

    public async Task OnGetAsync(string name, int version, CancellationToken ct) =>
        Workflow = await sender.Send(new GetWorkflowVersion(name, version), ct);

    /// <summary>The definition's JSON as a file, to change and publish as the next version.</summary>
    public async Task<IActionResult> OnGetJsonAsync(string name, int version, CancellationToken ct)
    {
        var workflow = await sender.Send(new GetWorkflowVersion(name, version), ct);
        return File(Encoding.UTF8.GetBytes(Pretty(workflow)), "application/json", $"{workflow.Name}-v{workflow.Version}.json");
    }

    /// <summary>The definition as people write it: indented.</summary>
    public static string Pretty(WorkflowVersionDetail workflow) => workflow.Definition?.ToJsonString(Indented) ?? "";
}
