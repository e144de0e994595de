using System.Globalization;
using Audit.Api.Auth;
using Audit.Api.Features.Dashboard;
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
/// The monthly service report by team, made to be printed: the same request as <c>GET /api/reports/monthly</c>. The
/// filters are a GET form, so a month's report can be bookmarked; they, the navigation and the footer are not printed.
/// </summary>
[Authorize(Policy = Permissions.MonthlyReport)]
[ServiceNavigationLink("Monthly report", PrintedReportPaths.Monthly, Order = 80, Roles = [Role.PrincipalSocialWorker, Role.ServiceManager, Role.TeamManager])]
public sealed class MonthlyModel(ISender sender, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public const string TemplateField = "templateId";
    public const string MonthField = "month";

    [BindProperty(SupportsGet = true, Name = TemplateField)]
    public Guid? TemplateId { get; set; }

    [BindProperty(SupportsGet = true, Name = MonthField)]
    public string? Month { get; set; }

    public IReadOnlyList<TemplateDto> Templates { get; private set; } = [];

    public MonthlyReportDto? Report { get; private set; }

    /// <summary>Whether to link to the board report: asked of its own route policy, not worked out here.</summary>
    public bool MaySeeTheBoardReport { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MaySeeTheBoardReport = (await authorization.AuthorizeAsync(User, Permissions.BoardReport)).Succeeded;
        Templates = (await sender.Send(new ListTemplates(), ct)).Items;
        PrintedReportWords.Explain(ModelState, TemplateField, "Select a template from the list");
        TemplateId ??= Templates.Count > 0 ? Templates[0].Id : null;
        if (!ModelState.IsValid || TemplateId is null)
        {
            return;
        }

        Report = (await this.TrySendAsync(sender, new GetMonthlyReport(TemplateId, Month), ct, FieldName)).Value;
    }

    public SelectModel TemplateSelect => ReportFilters.LineageTemplateSelect(Templates, TemplateId, ModelState);

    /// <summary>The last three years' months, newest first; by default the last complete month.</summary>
    public SelectModel MonthSelect
    {
        get
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var thisMonth = new DateOnly(today.Year, today.Month, 1);
            var months = Enumerable.Range(0, 37).Select(i => thisMonth.AddMonths(-i))
                .Select(m => new SelectItem(ReportPeriod.Label(m), PrintedReportWords.Month(m)))
                .ToList();
            var chosen = string.IsNullOrWhiteSpace(Month) ? ReportPeriod.Label(thisMonth.AddMonths(-1)) : Month.Trim();
            return new SelectModel(MonthField, "Month", months, chosen, Hint: "An audit counts in the month its grades became final.", Error: ModelState.ErrorFor(MonthField));
        }
    }

    private static string FieldName(string property) => property switch
    {
        nameof(GetMonthlyReport.TemplateId) => TemplateField,
        nameof(GetMonthlyReport.Month) => MonthField,
        _ => "",
    };
}

public static class PrintedReportPaths
{
    public const string Monthly = "/reports/monthly";
    public const string Board = "/reports/board";
}

/// <summary>The words the printed reports share.</summary>
public static class PrintedReportWords
{
    /// <summary>"November 2026".</summary>
    public static string Month(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"November 2026" for "2026-11".</summary>
    public static string Month(string month) => ReportFilters.MonthWords(month);

    /// <summary>"up 12.5 points", "down 3 points", "no change", or "no figure to compare" when either month had no audits.</summary>
    public static string Change(decimal? points) => points switch
    {
        null => "no figure to compare",
        0 => "no change",
        > 0 => $"up {points.Value.ToString("0.#", CultureInfo.InvariantCulture)} points",
        _ => $"down {(-points.Value).ToString("0.#", CultureInfo.InvariantCulture)} points",
    };

    /// <summary>"3 more audits", "2 fewer audits", "the same number of audits".</summary>
    public static string AuditChange(int audits) => audits switch
    {
        0 => "the same number of audits",
        1 => "1 more audit",
        -1 => "1 fewer audit",
        > 0 => $"{audits} more audits",
        _ => $"{-audits} fewer audits",
    };

    /// <summary>"3 more than in October 2026", "the same as in October 2026".</summary>
    public static string AuditChange(int audits, string previous) => audits switch
    {
        0 => $"the same as in {previous}",
        > 0 => $"{audits} more than in {previous}",
        _ => $"{-audits} fewer than in {previous}",
    };

    public static string Percent(decimal? percent) => percent is { } p ? $"{p.ToString("0.#", CultureInfo.InvariantCulture)}%" : "None";

    public static string Kappa(decimal? kappa) => kappa is { } k ? k.ToString("0.000", CultureInfo.InvariantCulture) : "Not defined";

    public static ShareView View(Share share) => new(share.Percent, share.GoodOrBetter, share.Total, share.Ci, share.SmallSample, share.MeetsTarget);

    /// <summary>Replaces the binder's message for a value typed into the address that is not one of the list's.</summary>
    public static void Explain(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string field, string message)
    {
        if (modelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0)
        {
            entry.Errors.Clear();
            entry.Errors.Add(message);
        }
    }
}
