using Audit.Api.Features.Actions;
using Audit.Api.Features.Audits;
using Audit.Api.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Actions;

/// <summary>
/// One follow-up action: the principle, its final grade, what each grader found for it, the due date and the status;
/// and, for the team manager who may close it, the form that closes it with what changed for the child.
/// </summary>
[Authorize(Policy = Permissions.Managers)]
public sealed class ActionModel(ISender sender) : PageModel
{
    public const string Field = "WhatChanged";

    public const string ReauditField = "ReauditAfterWeeks";

    public const string ClosedFirstMessage = "Someone else closed this action before you. It is shown below as they closed it; what you wrote was not saved.";

    public ActionDto Action { get; private set; } = null!;

    public AuditView Audit { get; private set; } = null!;

    public string? Guidance { get; private set; }

    public FinalGradeView? FinalGrade { get; private set; }

    public IReadOnlyList<(GradingView Grading, CriterionGradeView Grade)> Evidence { get; private set; } = [];

    public IReadOnlyList<ModerationView> Moderation { get; private set; } = [];

    /// <summary>What the caller typed, kept when the form is shown again.</summary>
    [BindProperty]
    public string? WhatChanged { get; set; }

    /// <summary>Optional: the weeks after which the case file is audited again, as typed.</summary>
    [BindProperty]
    public string? ReauditAfterWeeks { get; set; }

    /// <summary>What the caller typed when someone else closed the action first: shown back, not lost.</summary>
    public string? Unsaved { get; private set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        // Blank is no re-audit; anything typed that is not a whole number is sent as 0, which the request's rule refuses.
        int? weeks = string.IsNullOrWhiteSpace(ReauditAfterWeeks)
            ? null
            : int.TryParse(ReauditAfterWeeks.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var typed) ? typed : 0;
        var outcome = await this.TrySendAsync(
            sender,
            new CloseAction(id, WhatChanged, weeks),
            ct,
            fieldName: path => path.Equals(nameof(CloseAction.ReauditAfterWeeks), StringComparison.OrdinalIgnoreCase) ? ReauditField : Field);
        if (outcome.Succeeded)
        {
            return RedirectToPage("/Actions/Closed", new { id });
        }

        await LoadAsync(id, ct);
        if (outcome.Conflict && !Action.IsOpen())
        {
            // The refusal said why in the service's words; the page says what happened to this action.
            ModelState.Clear();
            ModelState.AddModelError("", ClosedFirstMessage);
            Unsaved = string.IsNullOrWhiteSpace(WhatChanged) ? null : WhatChanged;
            WhatChanged = null;
        }

        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Action = await sender.Send(new GetAction(id), ct);
        Audit = await sender.Send(new GetAudit(Action.AuditId), ct);
        Guidance = Audit.Criteria.FirstOrDefault(c => c.Id == Action.CriterionId)?.Guidance;
        FinalGrade = Audit.FinalGrades.FirstOrDefault(f => f.CriterionId == Action.CriterionId);
        Evidence = [.. Audit.Gradings
            .Where(g => g.Role != Domain.Grading.GraderRole.SecondAuditor)
            .OrderBy(g => g.Role)
            .SelectMany(g => g.Grades.Where(x => x.CriterionId == Action.CriterionId).Select(x => (g, x)))];
        Moderation = [.. Audit.Moderation.Where(m => m.CriterionId == Action.CriterionId).OrderBy(m => m.ModeratedAt)];
    }
}
