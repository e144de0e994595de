using Audit.Api.Features.Staff;
using Audit.Api.Features.Templates;
using Audit.Domain.Grading;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Audit.Api.Pages.Rounds;

/// <summary>The pools of graders the round's case files are shared among; young assessors only when the template asks for them.</summary>
public sealed class GradersModel(ISender sender) : RoundStepModel(sender)
{
    [BindProperty]
    public List<string> Auditors { get; set; } = [];

    [BindProperty]
    public List<string> YoungAssessors { get; set; } = [];

    [BindProperty]
    public string? SecondMarkingPercent { get; set; }

    public IReadOnlyList<StaffDto> AuditorPool { get; private set; } = [];

    public IReadOnlyList<StaffDto> YoungAssessorPool { get; private set; } = [];

    /// <summary>Whether the chosen template is graded by a young assessor too (unknown template: the question is asked).</summary>
    public bool AsksForYoungAssessors { get; private set; } = true;

    protected override RoundStep ThisStep => RoundStep.Graders;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Auditors = Answers.Auditors;
        YoungAssessors = Answers.YoungAssessors;
        SecondMarkingPercent = Answers.SecondMarkingPercent;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Answers.Auditors = Auditors;
        Answers.YoungAssessors = AsksForYoungAssessors ? YoungAssessors : [];
        Answers.SecondMarkingPercent = SecondMarkingPercent;
        if (await SaveAndGoOnAsync(ct) is { } next)
        {
            return next;
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        AuditorPool = (await Sender.Send(new ListStaff(Role.Auditor, 0, ListStaff.MaxTake), ct)).Items;
        YoungAssessorPool = (await Sender.Send(new ListStaff(Role.YoungAssessor, 0, ListStaff.MaxTake), ct)).Items;
        if (Answers.TemplateId is { } templateId)
        {
            var template = (await Sender.Send(new ListTemplates(), ct)).Items.FirstOrDefault(t => t.Id == templateId);
            AsksForYoungAssessors = template?.Graders.Contains(GraderRole.YoungAssessor) ?? true;
        }
    }
}
