using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Audit.Api.Pages.Rounds;

/// <summary>How the case files are picked: a sample at random from each team (how many, skipping recent audits), or by hand.</summary>
public sealed class HowModel(ISender sender) : RoundStepModel(sender)
{
    [BindProperty]
    public string? How { get; set; }

    [BindProperty]
    public string? PerTeam { get; set; }

    [BindProperty]
    public string? Months { get; set; }

    protected override RoundStep ThisStep => RoundStep.How;

    public void OnGet()
    {
        How = Answers.How;
        PerTeam = Answers.PerTeam;
        Months = Answers.Months ?? (Answers.How is null ? "6" : null);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Answers.How = How is RoundAnswers.Sample or RoundAnswers.Pick ? How : null;
        Answers.PerTeam = PerTeam;
        Answers.Months = Months;
        if (await SaveAndGoOnAsync(ct) is { } next)
        {
            return next;
        }

        if (Answers.How is null)
        {
            ModelState.Remove(RoundFields.How);
            ModelState.AddModelError(RoundFields.How, "Select how to pick the case files.");
        }

        return Page();
    }
}
