using System.Globalization;
using Audit.Api.Auth;
using Audit.Api.Features.Reports;
using Audit.Api.Features.Templates;
using Audit.Api.Pages.Dashboard;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Reports;

/// <summary>
/// The annual report for the Corporate Parenting Board, made to be printed: the same request as
/// <c>GET /api/reports/board</c>, for a template and a financial year (April to March). The filters are a GET form;
/// they, the navigation and the footer are not printed.
/// </summary>
[Authorize(Policy = Permissions.BoardReport)]
[ServiceNavigationLink("Board report", PrintedReportPaths.Board, Order = 85, Roles = [Role.PrincipalSocialWorker, Role.ServiceManager])]
public sealed class BoardModel(ISender sender, TimeProvider clock) : PageModel
{
    public const string TemplateField = "templateId";
    public const string YearField = "year";

    /// <summary>How many financial years the year list offers, back from this one.</summary>
    public const int YearsOffered = 10;

    [BindProperty(SupportsGet = true, Name = TemplateField)]
    public Guid? TemplateId { get; set; }

    [BindProperty(SupportsGet = true, Name = YearField)]
    public int? Year { get; set; }

    public IReadOnlyList<TemplateDto> Templates { get; private set; } = [];

    public BoardReportDto? Report { get; private set; }

    public TrendChart? Chart { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Templates = (await sender.Send(new ListTemplates(), ct)).Items;
        PrintedReportWords.Explain(ModelState, TemplateField, "Select a template from the list");
        PrintedReportWords.Explain(ModelState, YearField, "Select a year from the list");
        TemplateId ??= Templates.Count > 0 ? Templates[0].Id : null;
        if (!ModelState.IsValid || TemplateId is null)
        {
            return;
        }

        Report = (await this.TrySendAsync(sender, new GetBoardReport(TemplateId, Year), ct, FieldName)).Value;
        Chart = Report is { Trend.Periods.Count: > 0 } ? new TrendChart(Report.Trend) : null;
    }

    public SelectModel TemplateSelect => ReportFilters.LineageTemplateSelect(Templates, TemplateId, ModelState);

    /// <summary>The financial years, newest (this one, not yet complete) first; by default the last complete one.</summary>
    public SelectModel YearSelect
    {
        get
        {
            var lastComplete = GetBoardReport.LastCompleteYear(clock);
            var years = Enumerable.Range(0, YearsOffered).Select(i => lastComplete + 1 - i)
                .Select(y => new SelectItem(y.ToString(CultureInfo.InvariantCulture), YearWords(y) + (y == lastComplete + 1 ? " (so far)" : "")))
                .ToList();
            var chosen = (Year ?? lastComplete).ToString(CultureInfo.InvariantCulture);
            return new SelectModel(YearField, "Financial year", years, chosen, Hint: "April to March. An audit counts in the year its grades became final.", Error: ModelState.ErrorFor(YearField));
        }
    }

    public static string YearWords(int year) => $"April {year} to March {year + 1}";

    private static string FieldName(string property) => property switch
    {
        nameof(GetBoardReport.TemplateId) => TemplateField,
        nameof(GetBoardReport.Year) => YearField,
        _ => "",
    };
}
