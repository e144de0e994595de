using System.Globalization;
using System.Text.RegularExpressions;
using Audit.Api.Features.Templates;
using Audit.Api.Pages.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Templates;

/// <summary>One criterion's row of the form. A row left wholly blank is not sent.</summary>
public sealed class CriterionRow
{
    public string? Title { get; set; }
    public string? Guidance { get; set; }
    public string? PlainWords { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Guidance) && string.IsNullOrWhiteSpace(PlainWords);
}

/// <summary>The target as typed: kept as text, so that what was typed is shown back when it is not a number.</summary>
public sealed class TargetRow
{
    public string? AtLeast { get; set; }
    public string? Percent { get; set; }
}

/// <summary>
/// The template form, for a new template (<c>/templates/new</c>) and for the next version of one
/// (<c>/templates/{id}/edit</c>). Without JavaScript the criteria are a fixed number of rows: the template's own and
/// <see cref="BlankRows"/> blank ones, and "Add another criterion" shows the form again with one more. Field names are
/// the request's own property paths, so the validator's errors land on the right fields.
/// </summary>
public sealed partial class TemplateFormModel(ISender sender) : PageModel
{
    public const int BlankRows = 3;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<CriterionRow> Criteria { get; set; } = [];

    [BindProperty]
    public TargetRow Target { get; set; } = new();

    [BindProperty]
    public List<string> Graders { get; set; } = [];

    /// <summary>Set by the "Add another criterion" button: show the form again with one more row, saving nothing.</summary>
    [BindProperty]
    public bool AddCriterion { get; set; }

    /// <summary>The version being edited; null for a new template.</summary>
    public TemplateDto? Editing { get; private set; }

    /// <summary>The template's newest version, when editing.</summary>
    public TemplateDto? Newest { get; private set; }

    public bool MayAddCriterion => Criteria.Count < Template.MaxCriteria;

    /// <summary>Why this version cannot be edited (an older version, or a retired template); null when it can.</summary>
    public string? CannotEdit => Editing switch
    {
        { RetiredAt: { } retiredAt } => $"This template was retired on {AuditWords.Date(retiredAt)}, so it cannot be edited.",
        { Latest: false } editing => $"This is version {editing.Version}. Only the newest version, version {Newest!.Version}, can be edited.",
        _ => null,
    };

    public static IReadOnlyList<CheckboxItem> GraderItems { get; } =
    [
        new(nameof(GraderRole.Auditor), AuditWords.Of(GraderRole.Auditor), "Every template is graded by an auditor."),
        new(nameof(GraderRole.YoungAssessor), AuditWords.Of(GraderRole.YoungAssessor), "A young person with experience of care grades the case file too, from a redacted extract."),
    ];

    public async Task OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is not { } editedId)
        {
            Graders = [nameof(GraderRole.Auditor)];
            PadRows();
            return;
        }

        await LoadAsync(editedId, ct);
        var editing = Editing!;
        Name = editing.Name;
        Criteria = [.. editing.Criteria.Select(c => new CriterionRow { Title = c.Title, Guidance = c.Guidance, PlainWords = c.PlainWords })];
        Target = new TargetRow { AtLeast = editing.Target.AtLeast.ToString(), Percent = editing.Target.Percent.ToString(CultureInfo.InvariantCulture) };
        Graders = [.. editing.Graders.Select(g => g.ToString())];
        PadRows();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } editedId)
        {
            await LoadAsync(editedId, ct);
        }

        if (AddCriterion)
        {
            if (MayAddCriterion)
            {
                Criteria.Add(new CriterionRow());
            }

            return Page();
        }

        // Blank rows are left out, so the request's criterion i is the form's row sent[i].
        var sent = Criteria.Select((row, index) => (row, index)).Where(x => !x.row.IsBlank).Select(x => x.index).ToList();
        var criteria = sent.Select(i => new CriterionInput(Criteria[i].Title, Criteria[i].Guidance, Criteria[i].PlainWords)).ToList();
        var target = new TargetInput(GradeOf(Target.AtLeast), PercentOf(Target.Percent));
        var graders = Graders.Select(g => Enum.TryParse<GraderRole>(g, out var role) ? role : (GraderRole?)null).OfType<GraderRole>().ToList();
        IRequest<TemplateDto> request = id is { } edited
            ? new EditTemplate(edited, Name, criteria, target, graders)
            : new CreateTemplate(Name, criteria, target, graders);

        var criterionFields = new HashSet<string>(StringComparer.Ordinal);
        var saved = await this.TrySendAsync(sender, request, ct, path =>
        {
            var field = FieldFor(path, sent);
            if (CriterionPath().IsMatch(path))
            {
                criterionFields.Add(field);
            }

            return field;
        });
        if (saved.Succeeded)
        {
            return Redirect(TemplateWords.Path(saved.Value!.Id) + "?saved=true");
        }

        SayWhichCriterion(criterionFields);
        if (!string.IsNullOrWhiteSpace(Target.Percent) && target.Percent is null)
        {
            ModelState.Remove(PercentField);
            ModelState.AddModelError(PercentField, "The target percentage must be a whole number, like 65.");
        }

        if (saved.Conflict && id is { } again)
        {
            // Someone else saved a newer version or retired the template: the page now says which.
            await LoadAsync(again, ct);
        }

        return Page();
    }

    public const string NameField = nameof(Name);
    public const string GradeField = "Target.AtLeast";
    public const string PercentField = "Target.Percent";
    public const string GradersField = nameof(Graders);

    public static string TitleField(int row) => $"Criteria[{row}].Title";
    public static string GuidanceField(int row) => $"Criteria[{row}].Guidance";
    public static string PlainWordsField(int row) => $"Criteria[{row}].PlainWords";

    /// <summary>The form's field for a property path of the request (validator) or of the domain (its rule's field).</summary>
    private static string FieldFor(string path, List<int> sent)
    {
        if (CriterionPath().Match(path) is { Success: true } match)
        {
            var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var row = index < sent.Count ? sent[index] : index;
            var part = match.Groups[2].Value;
            return $"Criteria[{row}].{char.ToUpperInvariant(part[0])}{part[1..]}";
        }

        return path.ToUpperInvariant() switch
        {
            "NAME" => NameField,
            "CRITERIA" => TitleField(0),
            "TARGET" or "TARGET.ATLEAST" => GradeField,
            "TARGET.PERCENT" => PercentField,
            _ when path.StartsWith("graders", StringComparison.OrdinalIgnoreCase) => GradersField,
            _ => "",
        };
    }

    /// <summary>Says which criterion each criterion's error is about, as the error summary lists them together.</summary>
    private void SayWhichCriterion(IEnumerable<string> criterionFields)
    {
        foreach (var key in criterionFields)
        {
            var row = int.Parse(CriterionField().Match(key).Groups[1].Value, CultureInfo.InvariantCulture);
            var entry = ModelState[key]!;
            var messages = entry.Errors.Select(e => e.ErrorMessage).ToList();
            entry.Errors.Clear();
            foreach (var message in messages)
            {
                entry.Errors.Add($"Criterion {row + 1}: {char.ToLowerInvariant(message[0])}{message[1..]}");
            }
        }
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Editing = await sender.Send(new GetTemplate(id), ct);
        Newest = (await sender.Send(new ListTemplateVersions(id), ct)).Items[0];
    }

    private void PadRows()
    {
        var rows = Math.Min(Template.MaxCriteria, Criteria.Count + BlankRows);
        while (Criteria.Count < rows)
        {
            Criteria.Add(new CriterionRow());
        }
    }

    private static Grade? GradeOf(string? value) =>
        Enum.TryParse<Grade>(value, out var grade) && Enum.IsDefined(grade) && !int.TryParse(value, out _) ? grade : null;

    private static int? PercentOf(string? value) =>
        int.TryParse(value?.Trim().TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent) ? percent : null;

    [GeneratedRegex(@"^criteria\[(\d+)\]\.(\w+)$", RegexOptions.IgnoreCase)]
    private static partial Regex CriterionPath();

    [GeneratedRegex(@"^Criteria\[(\d+)\]\.")]
    private static partial Regex CriterionField();
}
