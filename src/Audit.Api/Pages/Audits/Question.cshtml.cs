using Audit.Api.Features.Audits;
using Audit.Api.Features.Templates;
using Audit.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Audits;

/// <summary>
/// One principle per page: a grade and the evidence for it. Every "Save and continue" keeps the answer in the
/// grader's draft on the server, even when something is missing, so a phone that locks loses nothing.
/// </summary>
public sealed class QuestionModel(ISender sender, ICurrentUser user) : PageModel
{
    [BindProperty]
    public string? Grade { get; set; }

    [BindProperty]
    public string? Evidence { get; set; }

    [FromQuery(Name = "returnTo")]
    public string? ReturnTo { get; set; }

    public GradingContext Grading { get; private set; } = null!;

    public int Number { get; private set; }

    public CriterionDto Criterion { get; private set; } = null!;

    public bool ReturnsToCheck => ReturnTo == "check";

    public string BackHref => ReturnsToCheck
        ? AuditPaths.Check(Grading.Audit.Id)
        : Number == 1 ? AuditPaths.Review(Grading.Audit.Id) : AuditPaths.Question(Grading.Audit.Id, Number - 1);

    public async Task<IActionResult> OnGetAsync(Guid id, int n, CancellationToken ct)
    {
        if (!await LoadAsync(id, n, ct))
        {
            return NotFound();
        }

        if (!Grading.MayGrade)
        {
            return Redirect(AuditPaths.Review(id));
        }

        var saved = Grading.DraftFor(Criterion.Id);
        Grade = saved?.Grade?.ToString();
        Evidence = saved?.Evidence;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int n, CancellationToken ct)
    {
        if (!await LoadAsync(id, n, ct))
        {
            return NotFound();
        }

        var grade = GradeField.Parse(Grade);
        var saved = await this.TrySendAsync(
            sender,
            new SaveGradingDraft(id, Grading.DraftWith(Criterion.Id, grade, Evidence), Grading.Draft.Overall),
            ct,
            path => GradeField.QuestionOf(path) is { Part: "evidence" } ? nameof(Evidence) : GradeField.QuestionOf(path) is not null ? nameof(Grade) : path);
        if (saved.Conflict)
        {
            await LoadAsync(id, n, ct);
            return Page();
        }

        if (grade is null)
        {
            ModelState.AddModelError(nameof(Grade), Grading.PlainWords ? "Choose a grade" : "Select a grade");
        }

        if (string.IsNullOrWhiteSpace(Evidence))
        {
            ModelState.AddModelError(nameof(Evidence), Grading.PlainWords ? "Write what in the record shows this" : "Enter what in the record shows this grade");
        }

        if (!saved.Succeeded || !ModelState.IsValid)
        {
            return Page();
        }

        return Redirect(ReturnsToCheck ? AuditPaths.Check(id)
            : Number < Grading.Count ? AuditPaths.Question(id, Number + 1)
            : AuditPaths.Overall(id));
    }

    private async Task<bool> LoadAsync(Guid id, int n, CancellationToken ct)
    {
        Grading = await GradingContext.LoadAsync(sender, user, id, ct);
        if (n < 1 || n > Grading.Count)
        {
            return false;
        }

        Number = n;
        Criterion = Grading.Audit.Criteria[n - 1];
        return true;
    }
}
