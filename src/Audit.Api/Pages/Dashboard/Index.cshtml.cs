using Audit.Api.Features.Dashboard;
using Audit.Api.Features.Teams;
using Audit.Api.Features.Templates;
using Audit.Api.Pages.Audits;
using Audit.Api.Pages.Reports;
using Audit.Domain.Reporting;
using Audit.Domain.Teams;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Dashboard;

/// <summary>
/// The dashboard: Dudley's grid, the trend against the target, and the team comparison, from the same requests as
/// <c>GET /api/dashboard</c>, <c>/trend</c> and <c>/teams</c>. The filters are a GET form, so a view can be bookmarked.
/// </summary>
[ServiceNavigationLink("Dashboard", DashboardPaths.Index, Order = 15, Roles = [Role.PrincipalSocialWorker, Role.ServiceManager, Role.TeamManager, Role.Auditor])]
public sealed class DashboardModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "templateId")]
    public Guid? TemplateId { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "serviceArea")]
    public string? ServiceArea { get; set; }

    [BindProperty(SupportsGet = true, Name = "teamId")]
    public Guid? TeamId { get; set; }

    [BindProperty(SupportsGet = true, Name = "by")]
    public string? By { get; set; }

    public IReadOnlyList<TemplateDto> Templates { get; private set; } = [];

    public IReadOnlyList<TeamDto> Teams { get; private set; } = [];

    public DashboardDto? Grid { get; private set; }

    public TrendDto? Trend { get; private set; }

    public TeamComparisonDto? TeamComparison { get; private set; }

    public TrendChart? Chart { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Templates = (await sender.Send(new ListTemplates(), ct)).Items;
        Teams = (await sender.Send(new ListTeams(), ct)).Items;
        Explain("templateId", "Select a template from the list");
        Explain("teamId", "Select a team from the list");
        TemplateId ??= Templates.Count > 0 ? Templates[0].Id : null;
        if (!ModelState.IsValid || TemplateId is null)
        {
            return;
        }

        var grid = await this.TrySendAsync(sender, new GetDashboard(TemplateId, From, To, ServiceArea, TeamId), ct, FieldName);
        if (!grid.Succeeded)
        {
            return;
        }

        var trend = await this.TrySendAsync(sender, new GetDashboardTrend(TemplateId, From, To, ServiceArea, TeamId, By), ct, FieldName);
        var teams = await this.TrySendAsync(sender, new GetTeamComparison(TemplateId, From, To, ServiceArea, TeamId), ct, FieldName);
        (Grid, Trend, TeamComparison) = (grid.Value, trend.Value, teams.Value);
        Chart = Trend is null ? null : new TrendChart(Trend);
    }

    public SelectModel TemplateSelect => ReportFilters.LineageTemplateSelect(Templates, TemplateId, ModelState);

    public InputModel FromInput => new("from", "From", From, Hint: "The first day counted, for example 2026-04-01", Error: ModelState.ErrorFor("from"), Width: "govuk-input--width-10", Spellcheck: false);

    public InputModel ToInput => new("to", "Up to", To, Hint: "The day after the last day counted, for example 2027-04-01", Error: ModelState.ErrorFor("to"), Width: "govuk-input--width-10", Spellcheck: false);

    public SelectModel ServiceAreaSelect => new(
        "serviceArea",
        "Service area",
        [new("", "All service areas"), .. Enum.GetValues<ServiceArea>().Select(a => new SelectItem(a.ToString(), AuditWords.Of(a)))],
        ServiceArea,
        Error: ModelState.ErrorFor("serviceArea"));

    public SelectModel TeamSelect => new(
        "teamId",
        "Team",
        [new("", "All teams"), .. Teams.Select(t => new SelectItem(t.Id.ToString(), $"{t.Name} ({AuditWords.Of(t.ServiceArea)})"))],
        TeamId?.ToString(),
        Error: ModelState.ErrorFor("teamId"));

    public SelectModel BySelect => new(
        "by",
        "Trend by",
        [new("month", "Month"), new("quarter", "Quarter")],
        By ?? "month",
        Error: ModelState.ErrorFor("by"));

    /// <summary>"62.5%" or "No audits".</summary>
    public static string Percent(decimal? percent) => percent is { } p ? $"{p:0.#}%" : "No audits";

    public static string Count(int goodOrBetter, int total) => $"{goodOrBetter} of {total}";

    public static string Interval(ConfidenceInterval? ci) => ci is null ? "" : $"95% CI {ci.Low:0.#}–{ci.High:0.#}%";

    public static string Area(ServiceArea area) => AuditWords.Of(area);

    private static string FieldName(string property) => property switch
    {
        nameof(DashboardFilter.TemplateId) => "templateId",
        nameof(DashboardFilter.From) => "from",
        nameof(DashboardFilter.To) => "to",
        nameof(DashboardFilter.ServiceArea) => "serviceArea",
        nameof(DashboardFilter.TeamId) => "teamId",
        nameof(GetDashboardTrend.By) => "by",
        _ => "",
    };

    private void Explain(string field, string message)
    {
        if (ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0)
        {
            entry.Errors.Clear();
            entry.Errors.Add(message);
        }
    }
}

public static class DashboardPaths
{
    public const string Index = "/dashboard";
}
