using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Audit.Api.Pages.Rounds;

/// <summary>The date every audit of the round is due.</summary>
public sealed class DueDateModel(ISender sender) : RoundStepModel(sender)
{
    [BindProperty]
    public DateParts DueOn { get; set; } = new();

    protected override RoundStep ThisStep => RoundStep.DueDate;

    public void OnGet() => DueOn = Answers.DueOn ?? new DateParts();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Answers.DueOn = DueOn;
        if (await SaveAndGoOnAsync(ct) is { } next)
        {
            return next;
        }

        var typed = new[] { DueOn.Day, DueOn.Month, DueOn.Year }.Any(p => !string.IsNullOrWhiteSpace(p));
        if (typed && DueOn.ToDate() is null)
        {
            ModelState.Remove(RoundFields.DueOn);
            ModelState.AddModelError(RoundFields.DueOn, "The due date must be a real date, like 18 12 2026.");
        }

        return Page();
    }
}
