using System.Globalization;
using Audit.Api.Features.RoundPlans;
using Audit.Api.Features.Staff;
using Audit.Api.Features.Teams;
using Audit.Api.Features.Templates;
using Audit.Api.Pages.Audits;
using Audit.Domain.Teams;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.RoundPlans;

/// <summary>
/// The round plan form, for a new plan (<c>/round-plans/new</c>) and for editing one (<c>/round-plans/{id}/edit</c>).
/// Numbers are kept as typed, so that what was typed is shown back when it is not a number. Field names are the
/// request's own property names, so the validator's errors land on the right fields. An edit carries the version it
/// started from: if someone else saved first, the page says so and shows the plan as it now stands.
/// </summary>
public sealed class RoundPlanFormModel(ISender sender) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? TemplateId { get; set; }

    [BindProperty]
    public string? Schedule { get; set; }

    [BindProperty]
    public string? DueInDays { get; set; }

    [BindProperty]
    public string? PerTeam { get; set; }

    [BindProperty]
    public string? ExcludeAuditedWithinMonths { get; set; }

    [BindProperty]
    public List<string> ServiceAreas { get; set; } = [];

    [BindProperty]
    public List<string> Teams { get; set; } = [];

    [BindProperty]
    public List<string> Auditors { get; set; } = [];

    [BindProperty]
    public List<string> YoungAssessors { get; set; } = [];

    [BindProperty]
    public string? SecondMarkingPercent { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    /// <summary>The plan being edited; null for a new plan.</summary>
    public RoundPlanDto? Editing { get; private set; }

    public IReadOnlyList<RadioItem> TemplateItems { get; private set; } = [];

    public IReadOnlyList<CheckboxItem> TeamItems { get; private set; } = [];

    public IReadOnlyList<CheckboxItem> AuditorItems { get; private set; } = [];

    public IReadOnlyList<CheckboxItem> YoungAssessorItems { get; private set; } = [];

    public static IReadOnlyList<CheckboxItem> ServiceAreaItems { get; } =
        [.. Enum.GetValues<ServiceArea>().Select(a => new CheckboxItem(a.ToString(), AuditWords.Of(a)))];

    public async Task OnGetAsync(Guid? id, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (id is { } editedId)
        {
            Fill(await sender.Send(new GetRoundPlan(editedId), ct));
        }
        else
        {
            Schedule = "0 6 1 * *";
            DueInDays = "30";
            PerTeam = "2";
            ExcludeAuditedWithinMonths = "6";
            TemplateId = TemplateItems.Count == 1 ? TemplateItems[0].Value : null;
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (id is { } editedId)
        {
            Editing = await sender.Send(new GetRoundPlan(editedId), ct);
        }

        var (dueInDays, perTeam, exclude) = (NumberOf(DueInDays), NumberOf(PerTeam), NumberOf(ExcludeAuditedWithinMonths));
        var secondMarking = Rounds.RoundAnswers.SecondMarking(SecondMarkingPercent);
        var templateId = Guid.TryParse(TemplateId, out var template) ? template : (Guid?)null;
        var areas = ServiceAreas.Select(a => Enum.TryParse<ServiceArea>(a, out var area) ? area : (ServiceArea?)null).OfType<ServiceArea>().ToList();
        var teams = Teams.Select(t => Guid.TryParse(t, out var team) ? team : (Guid?)null).OfType<Guid>().ToList();
        IRequest<RoundPlanDto> request = id is { } edited
            ? new EditRoundPlan(edited, Version, Name, templateId, Schedule, dueInDays, perTeam, exclude, areas, teams, Auditors, YoungAssessors, secondMarking)
            : new CreateRoundPlan(Name, templateId, Schedule, dueInDays, perTeam, exclude, areas, teams, Auditors, YoungAssessors, secondMarking);

        var saved = await this.TrySendAsync(sender, request, ct, FieldFor);
        if (saved.Succeeded)
        {
            return Redirect(RoundPlanWords.Path(saved.Value!.Id) + "?saved=true");
        }

        foreach (var (field, typed) in new[] { (nameof(DueInDays), DueInDays), (nameof(PerTeam), PerTeam), (nameof(ExcludeAuditedWithinMonths), ExcludeAuditedWithinMonths) })
        {
            if (!string.IsNullOrWhiteSpace(typed) && NumberOf(typed) is null)
            {
                ModelState.Remove(field);
                ModelState.AddModelError(field, "Enter a whole number, like 30.");
            }
        }

        if (saved.Conflict && Editing is not null)
        {
            // Someone else saved first: show the plan as it now stands, with the message at the top.
            var errors = ModelState[""]?.Errors.Select(e => e.ErrorMessage).ToList() ?? [];
            ModelState.Clear();
            errors.ForEach(e => ModelState.AddModelError("", e));
            Fill(await sender.Send(new GetRoundPlan(Editing.Id), ct));
        }

        return Page();
    }

    private void Fill(RoundPlanDto plan)
    {
        Editing = plan;
        Name = plan.Name;
        TemplateId = plan.TemplateId.ToString();
        Schedule = plan.Schedule;
        DueInDays = plan.DueInDays.ToString(CultureInfo.InvariantCulture);
        PerTeam = plan.PerTeam.ToString(CultureInfo.InvariantCulture);
        ExcludeAuditedWithinMonths = plan.ExcludeAuditedWithinMonths.ToString(CultureInfo.InvariantCulture);
        ServiceAreas = [.. plan.ServiceAreas.Select(a => a.ToString())];
        Teams = [.. plan.Teams.Select(t => t.ToString())];
        Auditors = [.. plan.Auditors];
        YoungAssessors = [.. plan.YoungAssessors];
        SecondMarkingPercent = plan.SecondMarkingPercent.ToString(CultureInfo.InvariantCulture);
        Version = plan.Version;

        // A plan on a template that is retired since keeps it until edited: list it, so the form shows what the plan holds.
        if (TemplateItems.All(t => t.Value != TemplateId))
        {
            TemplateItems = [.. TemplateItems, new RadioItem(TemplateId, plan.TemplateName, "Retired, or an older version: choose another.")];
        }
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var templates = await sender.Send(new ListTemplates(), ct);
        TemplateItems = [.. templates.Items.Select(t => new RadioItem(t.Id.ToString(), t.Name, $"Version {t.Version}, {TemplateWordsCount(t.Criteria.Count)}"))];
        var teams = (await sender.Send(new ListTeams(), ct)).Items;
        TeamItems = [.. teams.OrderBy(t => t.Name).Select(t => new CheckboxItem(t.Id.ToString(), t.Name, AuditWords.Of(t.ServiceArea)))];
        var auditors = await sender.Send(new ListStaff(Role.Auditor, Take: ListStaff.MaxTake), ct);
        AuditorItems = [.. auditors.Items.Select(g => new CheckboxItem(g.UserName, g.DisplayName))];
        var youngAssessors = await sender.Send(new ListStaff(Role.YoungAssessor, Take: ListStaff.MaxTake), ct);
        YoungAssessorItems = [.. youngAssessors.Items.Select(g => new CheckboxItem(g.UserName, g.DisplayName))];
    }

    private static string TemplateWordsCount(int count) => Templates.TemplateWords.Criteria(count);

    private static int? NumberOf(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The form's field for a property path of the request ("DueInDays", "auditors", "ServiceAreas[0]").</summary>
    private static string FieldFor(string path)
    {
        var name = path.Split('[', '.')[0];
        return name.Length == 0 ? "" : char.ToUpperInvariant(name[0]) + name[1..];
    }
}
