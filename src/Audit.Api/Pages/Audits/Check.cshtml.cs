using Audit.Api.Features.Audits;
using Audit.Api.Infrastructure;
using Audit.Domain.Grading;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Audits;

/// <summary>
/// Check your answers: the draft, principle by principle, with a way back to change each, then the final submit,
/// which sends the same request as the API built from the draft. Refusals link back to the page that fixes them.
/// Once submitted, the page shows what was submitted.
/// </summary>
public sealed class CheckModel(ISender sender, ICurrentUser user) : PageModel
{
    public const string OverallKey = "overall";

    public GradingContext Grading { get; private set; } = null!;

    /// <summary>One principle as this page shows it: the answer in the draft, or the grade submitted.</summary>
    public sealed record Answer(int Number, string Title, Grade? Grade, string? Evidence);

    public IReadOnlyList<Answer> Answers { get; private set; } = [];

    public Grade? Overall { get; private set; }

    public bool IsSubmitted => Grading.Submitted is not null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (IsSubmitted)
        {
            AlreadySubmitted();
            return Page();
        }

        var draft = Grading.Draft;
        var request = new SubmitGrading(
            id,
            [.. Grading.Audit.Criteria.Select(c => Grading.DraftFor(c.Id) is { } g
                ? new GradeInput(c.Id, g.Grade, g.Evidence)
                : new GradeInput(c.Id, null, null))],
            draft.Overall);
        var outcome = await this.TrySendAsync(sender, request, ct, FieldFor);
        if (outcome.Succeeded)
        {
            return Redirect(AuditPaths.Done(id));
        }

        // Submitted from another tab or device meanwhile: the draft is gone, and whatever the refusal, that is the news.
        await LoadAsync(id, ct);
        if (IsSubmitted)
        {
            AlreadySubmitted();
        }
        else
        {
            Reword();
        }

        return Page();
    }

    private void AlreadySubmitted()
    {
        ModelState.Clear();
        ModelState.AddModelError("", Grading.PlainWords
            ? "Your grades were already sent, so they cannot be changed. This page shows the grades you sent."
            : "Your grading was already submitted, so it cannot be changed. This page shows the grading as submitted.");
    }

    /// <summary>Where the error summary sends the grader to put a refusal right.</summary>
    public string? HrefFor(string key) => key switch
    {
        OverallKey => AuditPaths.Overall(Grading.Audit.Id, returnToCheck: true),
        _ when QuestionKey(key) is { } n => AuditPaths.Question(Grading.Audit.Id, n, returnToCheck: true),
        _ => null,
    };

    private static string FieldFor(string path) =>
        GradeField.QuestionOf(path) is { } q ? $"question-{q.Number}-{q.Part}"
        : path.Equals("overall", StringComparison.OrdinalIgnoreCase) ? OverallKey
        : "";

    private static int? QuestionKey(string key) =>
        key.StartsWith("question-", StringComparison.Ordinal) && int.TryParse(key.Split('-')[1], out var n) ? n : null;

    /// <summary>The request's own messages name its fields; the grader reads which question to go back to.</summary>
    private void Reword()
    {
        foreach (var key in ModelState.Keys.ToList())
        {
            if (ModelState[key] is not { Errors.Count: > 0 })
            {
                continue;
            }

            var message = key switch
            {
                OverallKey => Grading.PlainWords ? "Choose an overall grade" : "Select an overall grade",
                _ when QuestionKey(key) is { } n && key.EndsWith("-grade", StringComparison.Ordinal) =>
                    Grading.PlainWords ? $"Choose a grade for question {n}" : $"Select a grade for question {n}",
                _ when QuestionKey(key) is { } n && key.EndsWith("-evidence", StringComparison.Ordinal) =>
                    Grading.PlainWords ? $"Write what in the record shows your grade for question {n}" : $"Enter the evidence for question {n}",
                _ => null,
            };
            if (message is not null)
            {
                ModelState.Remove(key);
                ModelState.AddModelError(key, message);
            }
        }
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Grading = await GradingContext.LoadAsync(sender, user, id, ct);
        var criteria = Grading.Audit.Criteria;
        if (Grading.Submitted is { } submitted)
        {
            Answers = [.. criteria.Select((c, i) => submitted.Grades.FirstOrDefault(g => g.CriterionId == c.Id) is { } g
                ? new Answer(i + 1, c.Title, g.Grade, g.Evidence)
                : new Answer(i + 1, c.Title, null, null))];
            Overall = submitted.Overall;
        }
        else
        {
            Answers = [.. criteria.Select((c, i) => new Answer(i + 1, c.Title, Grading.DraftFor(c.Id)?.Grade, Grading.DraftFor(c.Id)?.Evidence))];
            Overall = Grading.Draft.Overall;
        }
    }
}
