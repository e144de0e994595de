using System.Globalization;
using System.Text.RegularExpressions;
using Audit.Api.Features.Audits;
using Audit.Api.Features.Moderation;
using Audit.Domain.Grading;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Moderation;

/// <summary>One criterion's answer on the moderation form: the grade that counts, and why.</summary>
public sealed class ModerationRow
{
    public Guid CriterionId { get; set; }
    public string? Grade { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// Moderating one audit: per criterion, both graders' grades and evidence side by side (one under the other on a
/// phone) and why it needs moderation; the PSW confirms or changes each grade with a reason, and the page sends the
/// same <see cref="ModerateAudit"/> request as the API.
/// </summary>
public sealed partial class ModerateModel(ISender sender) : PageModel
{
    public ModerationCase Case { get; private set; } = null!;

    [BindProperty]
    public List<ModerationRow> Grades { get; set; } = [];

    public static string GradeField(int row) => $"Grades[{row}].Grade";

    public static string ReasonField(int row) => $"Grades[{row}].Reason";

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Case = await sender.Send(new GetModeration(id), ct);
        Grades = [.. Case.Criteria.Select(c => new ModerationRow { CriterionId = c.CriterionId })];
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Case = await sender.Send(new GetModeration(id), ct);

        // The rows are the criteria in order, whatever the form sent: a criterion left out is sent without a grade.
        var sent = Grades;
        Grades = [.. Case.Criteria.Select((c, i) => new ModerationRow
        {
            CriterionId = c.CriterionId,
            Grade = sent.ElementAtOrDefault(i)?.Grade,
            Reason = sent.ElementAtOrDefault(i)?.Reason,
        })];
        var request = new ModerateAudit(
            id,
            [.. Grades.Select(g => new ModeratedGradeInput(g.CriterionId, GradeOf(g.Grade), g.Reason))],
            Overall: null);

        var moderated = await this.TrySendAsync(sender, request, ct, FieldFor);
        if (moderated.Succeeded)
        {
            return Redirect($"/moderation?moderated={Uri.EscapeDataString(Case.Reference)}");
        }

        SayWhichCriterion();
        if (moderated.Conflict)
        {
            Case = await sender.Send(new GetModeration(id), ct);
        }

        return Page();
    }

    /// <summary>The form's field for a property path of the request ("Grades[0].Grade") or of the domain ("grades[0].reason").</summary>
    private static string FieldFor(string path) =>
        RowPath().Match(path) is { Success: true } match
            ? $"Grades[{match.Groups[1].Value}].{(match.Groups[2].Value.Equals("reason", StringComparison.OrdinalIgnoreCase) ? "Reason" : "Grade")}"
            : path.Equals("grades", StringComparison.OrdinalIgnoreCase) ? GradeField(0) : "";

    /// <summary>Says which criterion each error is about, as the error summary lists them together.</summary>
    private void SayWhichCriterion()
    {
        foreach (var key in ModelState.Keys.Where(k => RowPath().IsMatch(k)).ToList())
        {
            var match = RowPath().Match(key);
            var row = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var entry = ModelState[key]!;
            var messages = entry.Errors.Select(e => e.ErrorMessage).Distinct().ToList();
            entry.Errors.Clear();
            foreach (var message in messages)
            {
                var said = match.Groups[2].Value == "Grade" && Grades[row].Grade is null ? "select the grade that counts" : char.ToLowerInvariant(message[0]) + message[1..];
                entry.Errors.Add($"Criterion {row + 1}: {said.TrimEnd('.')}.");
            }
        }
    }

    private static Grade? GradeOf(string? value) =>
        Enum.TryParse<Grade>(value, out var grade) && Enum.IsDefined(grade) && !int.TryParse(value, out _) ? grade : null;

    [GeneratedRegex(@"^grades\[(\d+)\]\.(\w+)$", RegexOptions.IgnoreCase)]
    private static partial Regex RowPath();
}
