using System.Globalization;
using Audit.Api.Features.Workflows;
using Audit.Api.Pages.Audits;
using Audit.Domain.Grading;
using Audit.Workflows.Simulation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Workflows;

/// <summary>What each grader and the moderator give one criterion, as the form's selects send them.</summary>
public sealed class CriterionChoice
{
    public string? Auditor { get; set; } = nameof(Grade.Good);
    public string? YoungAssessor { get; set; } = nameof(Grade.Good);

    /// <summary>Empty: the moderator keeps the graders' grade.</summary>
    public string? Moderator { get; set; } = "";
}

/// <summary>
/// Try a draft workflow before publishing it: pick what each grader grades and see the path an imagined audit would
/// take, step by step, with what each step raises and when. Sends the API's try request; nothing is saved.
/// </summary>
public sealed class TryModel(ISender sender) : PageModel
{
    public const int CriterionCount = 6;
    public const string DefinitionField = nameof(Definition);
    public const string WorkflowName = "case-file-audit";

    [BindProperty]
    public string? Definition { get; set; }

    /// <summary>"Both" when the young assessor grades too, "Auditor" when the auditor grades alone.</summary>
    [BindProperty]
    public string Graders { get; set; } = "Both";

    [BindProperty]
    public List<CriterionChoice> Criteria { get; set; } = [.. Enumerable.Range(0, CriterionCount).Select(_ => new CriterionChoice())];

    [BindProperty]
    public string? AuditorOverall { get; set; } = nameof(Grade.Good);

    [BindProperty]
    public string? YoungAssessorOverall { get; set; } = nameof(Grade.Good);

    [BindProperty]
    public string? ModeratorOverall { get; set; } = "";

    /// <summary>Empty closes every action; otherwise how many.</summary>
    [BindProperty]
    public string? CloseActions { get; set; } = "";

    [BindProperty]
    public string? CancelIn { get; set; }

    [BindProperty]
    public string? Target { get; set; } = nameof(Grade.Good);

    [BindProperty]
    public string? RoundDueInDays { get; set; } = "28";

    public SimulationResult? Result { get; private set; }

    public static IReadOnlyList<SelectItem> GradeItems { get; } =
        [.. Enum.GetValues<Grade>().OrderByDescending(g => g.Points()).Select(g => new SelectItem(g.ToString(), AuditWords.Of(g)))];

    public static IReadOnlyList<SelectItem> ModeratorItems { get; } = [new("", "Keeps the graders' grade"), .. GradeItems];

    public static IReadOnlyList<SelectItem> CloseItems { get; } =
        [new("", "All of them, one at a time"), new("0", "None"), new("1", "1"), new("2", "2"), new("3", "3")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var newest = (await sender.Send(new ListWorkflows(), ct)).Items.FirstOrDefault(w => w.Name == WorkflowName && w.Latest);
        if (newest is not null)
        {
            Definition = VersionModel.Pretty(await sender.Send(new GetWorkflowVersion(newest.Name, newest.Version), ct));
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var days = int.TryParse(RoundDueInDays, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : (int?)null;
        var gradings = new List<TryGrading> { Grading(GraderRole.Auditor, c => c.Auditor, AuditorOverall) };
        if (Graders == "Both")
        {
            gradings.Add(Grading(GraderRole.YoungAssessor, c => c.YoungAssessor, YoungAssessorOverall));
        }

        var moderated = Criteria.Select((c, i) => (i, grade: GradeOf(c.Moderator))).Where(x => x.grade is not null).ToDictionary(x => x.i, x => x.grade!.Value);
        var scenario = new TryScenario(
            gradings,
            moderated.Count == 0 && GradeOf(ModeratorOverall) is null ? null : new TryModeration(moderated, GradeOf(ModeratorOverall)),
            int.TryParse(CloseActions, NumberStyles.Integer, CultureInfo.InvariantCulture, out var close) ? close : null,
            CancelIn,
            GradeOf(Target),
            days ?? Audit.Workflows.Simulation.Scenario.DefaultRoundDueInDays);
        var tried = await this.TrySendAsync(sender, new TryWorkflow(Definition, scenario), ct, FieldFor);
        if (days is null)
        {
            ModelState.AddModelError(nameof(RoundDueInDays), "Enter the days until the round is due as a whole number, like 28.");
        }
        else
        {
            Result = tried.Value;
        }

        return Page();
    }

    private TryGrading Grading(GraderRole role, Func<CriterionChoice, string?> grade, string? overall) =>
        new(role, Criteria.Select((c, i) => (i, g: GradeOf(grade(c)))).Where(x => x.g is not null).ToDictionary(x => x.i, x => x.g!.Value), GradeOf(overall));

    private static Grade? GradeOf(string? value) => Enum.TryParse<Grade>(value, out var grade) && Enum.IsDefined(grade) ? grade : null;

    /// <summary>The form's field for a property path of the try request.</summary>
    private static string FieldFor(string path) => path switch
    {
        _ when path.StartsWith("Definition", StringComparison.OrdinalIgnoreCase) => DefinitionField,
        _ when path.Contains("RoundDueInDays", StringComparison.Ordinal) => nameof(RoundDueInDays),
        _ when path.Contains("CloseActions", StringComparison.Ordinal) => nameof(CloseActions),
        _ when path.Contains("Target", StringComparison.Ordinal) => nameof(Target),
        _ when path.Contains("Gradings[1]", StringComparison.Ordinal) => "Criteria[0].YoungAssessor",
        _ when path.Contains("Moderation", StringComparison.Ordinal) => "Criteria[0].Moderator",
        _ => "Criteria[0].Auditor",
    };
}
