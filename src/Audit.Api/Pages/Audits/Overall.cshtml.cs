using Audit.Api.Features.Audits;
using Audit.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Audits;

/// <summary>The overall grade, after the last principle; kept in the draft like every other answer.</summary>
public sealed class OverallModel(ISender sender, ICurrentUser user) : PageModel
{
    [BindProperty]
    public string? Grade { get; set; }

    [FromQuery(Name = "returnTo")]
    public string? ReturnTo { get; set; }

    public GradingContext Grading { get; private set; } = null!;

    public string Question => Grading.PlainWords
        ? "Overall, how well was the child heard?"
        : "Overall, how well was the child's voice heard and acted on?";

    public string BackHref => ReturnTo == "check" ? AuditPaths.Check(Grading.Audit.Id) : AuditPaths.Question(Grading.Audit.Id, Grading.Count);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Grading = await GradingContext.LoadAsync(sender, user, id, ct);
        if (!Grading.MayGrade)
        {
            return Redirect(AuditPaths.Review(id));
        }

        Grade = Grading.Draft.Overall?.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Grading = await GradingContext.LoadAsync(sender, user, id, ct);
        var grade = GradeField.Parse(Grade);
        var saved = await this.TrySendAsync(sender, new SaveGradingDraft(id, Grading.DraftAsItIs(), grade), ct, _ => nameof(Grade));
        if (saved.Conflict)
        {
            Grading = await GradingContext.LoadAsync(sender, user, id, ct);
            return Page();
        }

        if (grade is null)
        {
            ModelState.AddModelError(nameof(Grade), Grading.PlainWords ? "Choose an overall grade" : "Select an overall grade");
        }

        return saved.Succeeded && ModelState.IsValid ? Redirect(AuditPaths.Check(id)) : Page();
    }
}
