using Audit.Api.Features.Rounds;
using Audit.Api.Features.Staff;
using Audit.Api.Features.Teams;
using Audit.Api.Features.Templates;
using Audit.Api.Pages.Audits;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Audit.Api.Pages.Rounds;

/// <summary>
/// Check your answers: the round as it would open (the sample per team, how many were skipped as recently audited,
/// who grades what), nothing saved. "Open this round" sends the same request with the seed shown, so the round
/// saved is the plan shown. A fault in the answers is listed with a link back to the question it belongs to.
/// </summary>
public sealed class PreviewModel(ISender sender) : RoundStepModel(sender)
{
    /// <summary>The seed the preview shown was drawn with, sent back by "Open this round".</summary>
    [BindProperty]
    public int? Seed { get; set; }

    public RoundPreview? Plan { get; private set; }

    public IReadOnlyList<SummaryRow> Rows { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    protected override RoundStep ThisStep => RoundStep.Preview;

    public string NameOf(string? userName) => userName is null ? "None" : Names.GetValueOrDefault(userName, userName);

    public IReadOnlyList<string> GraderHeadings(bool youngAssessor, bool second) =>
        [.. new[] { "Case file", "Team", "Auditor" }, .. youngAssessor ? ["Young assessor"] : Array.Empty<string>(), .. second ? ["Second auditor (blind)"] : Array.Empty<string>()];

    public IReadOnlyList<string> GraderRow(PreviewCaseFile caseFile, PreviewAssignment a, bool youngAssessor, bool second) =>
        [
            caseFile.ReauditRequested ? $"{caseFile.Reference} (re-audit requested)" : caseFile.Reference,
            caseFile.TeamName,
            NameOf(a.Auditor),
            .. youngAssessor ? [NameOf(a.YoungAssessor)] : Array.Empty<string>(),
            .. second ? [a.SecondAuditor is null ? "Not second marked" : NameOf(a.SecondAuditor)] : Array.Empty<string>(),
        ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Answers.IsEmpty)
        {
            return Redirect(RoundPaths.New);
        }

        var preview = await this.TrySendAsync(Sender, PreviewRound.Of(Answers.ToRequest(Answers.Seed)), ct, path => LinkBack(path));
        Plan = preview.Value;
        if (Plan is not null && Answers.Seed is null && Plan.Seed is not null)
        {
            Answers.Seed = Plan.Seed;
        }

        Seed = Plan?.Seed;
        Save();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Answers.IsEmpty)
        {
            return Redirect(RoundPaths.New);
        }

        var opened = await this.TrySendAsync(Sender, Answers.ToRequest(Seed), ct, path => LinkBack(path));
        if (opened.Succeeded)
        {
            Forget();
            return Redirect(RoundPaths.Of(opened.Value!.Id) + "?opened=true");
        }

        Save();
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>"Draw a different sample": forget the seed, so that the preview draws afresh.</summary>
    public IActionResult OnPostRedraw()
    {
        Answers.Seed = null;
        Save();
        return Redirect(RoundPaths.Preview);
    }

    private string LinkBack(string path)
    {
        var (step, field) = Place(path, Answers);
        return step == RoundStep.Preview ? "" : RoundPaths.Change(step, field);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var staff = (await Sender.Send(new ListStaff(null, 0, ListStaff.MaxTake), ct)).Items;
        Names = staff.ToDictionary(s => s.UserName, s => s.DisplayName);
        var teams = (await Sender.Send(new ListTeams(), ct)).Items;
        var template = Plan is null && Answers.TemplateId is { } id
            ? (await Sender.Send(new ListTemplates(IncludeRetired: true, AllVersions: true), ct)).Items.FirstOrDefault(t => t.Id == id)
            : null;
        string Change(RoundStep step) => RoundPaths.Change(step);
        string List(IEnumerable<string> items, string none) => items.ToList() is { Count: > 0 } list ? string.Join(", ", list) : none;

        var rows = new List<SummaryRow>
        {
            new("Name", Answers.Name ?? "Not given", Change(RoundStep.Start)),
            new("Template", Plan is not null ? $"{Plan.TemplateName}, version {Plan.TemplateVersion}" : template?.Name ?? "Not chosen", Change(RoundStep.Start)),
            new("Service areas", List(Answers.ServiceAreas.Select(AuditWords.Of), "All service areas"), Change(RoundStep.Scope)),
            new("Teams", List(teams.Where(t => Answers.Teams.Contains(t.Id)).Select(t => t.Name), "All teams in those service areas"), Change(RoundStep.Scope)),
            new("How case files are picked", RoundWords.How(Answers), Change(RoundStep.How)),
        };
        if (Answers.HandPicked)
        {
            rows.Add(new("Case files", RoundWords.CaseFiles(Answers.CaseFileIds.Count), Change(RoundStep.CaseFiles)));
        }

        rows.Add(new("Auditors", List(Answers.Auditors.Select(NameOf), "None chosen"), Change(RoundStep.Graders)));
        if (Answers.YoungAssessors.Count > 0)
        {
            rows.Add(new("Young assessors", List(Answers.YoungAssessors.Select(NameOf), "None chosen"), Change(RoundStep.Graders)));
        }

        rows.Add(new("Second marking", RoundWords.SecondMarking(Plan?.SecondMarkingPercent ?? RoundAnswers.SecondMarking(Answers.SecondMarkingPercent) ?? 0, Plan?.Assignments.Count(a => a.SecondAuditor is not null)), Change(RoundStep.Graders)));
        rows.Add(new("Due date", Answers.DueOn?.ToDate() is { } due ? AuditWords.Date(due) : "Not given", Change(RoundStep.DueDate)));
        Rows = rows;
    }
}
