using Audit.Api.Features.Practice;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Practice;

/// <summary>One audit of the worker's case file: each final grade, and a form to write or change their reflection on it.</summary>
public sealed class PracticeAuditModel(ISender sender) : PageModel
{
    public PracticeAudit Audit { get; private set; } = null!;

    /// <summary>What the worker typed, by criterion, kept when the page is shown again with an error.</summary>
    [BindProperty]
    public Dictionary<Guid, string?> Reflections { get; set; } = [];

    /// <summary>Set after saving: the number (from 1) of the principle whose reflection was saved.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Saved { get; set; }

    public static string Field(Guid criterionId) => $"Reflections[{criterionId}]";

    public string? Typed(PracticeGrade grade) =>
        Reflections.TryGetValue(grade.CriterionId, out var typed) ? typed : grade.Reflection?.Text;

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Audit = await sender.Send(new GetPracticeAudit(id), ct);

    public async Task<IActionResult> OnPostAsync(Guid id, [FromForm] Guid criterionId, CancellationToken ct)
    {
        var text = Reflections.GetValueOrDefault(criterionId);
        var outcome = await this.TrySendAsync(sender, new WriteReflection(id, criterionId, text), ct, fieldName: _ => Field(criterionId));
        if (outcome.Succeeded)
        {
            var number = outcome.Value!.Grades.FirstOrDefault(g => g.CriterionId == criterionId)?.Position + 1;
            return Redirect($"/my-audits/{id}?saved={number}#principle-{number}");
        }

        Audit = await sender.Send(new GetPracticeAudit(id), ct);
        return Page();
    }
}
