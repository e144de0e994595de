using System.Globalization;
using Audit.Api.Auth;
using Audit.Api.Features.Reports;
using Audit.Api.Features.Templates;
using Audit.Domain.Grading;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Reports;

/// <summary>
/// Do the graders agree: the same request as <c>GET /api/reports/agreement</c>, filtered by template and the period in
/// which grades became final. The filters are a GET form, so a report can be bookmarked.
/// </summary>
[Authorize(Policy = Permissions.GraderAgreement)]
[ServiceNavigationLink("Do graders agree?", AgreementPaths.Report, Order = 70, Roles = [Role.PrincipalSocialWorker, Role.ServiceManager])]
public sealed class AgreementModel(ISender sender) : PageModel
{
    public const string TemplateField = "templateId";
    public const string FromField = "from";
    public const string ToField = "to";

    [BindProperty(SupportsGet = true, Name = TemplateField)]
    public Guid? TemplateId { get; set; }

    [BindProperty(SupportsGet = true, Name = FromField)]
    public DateParts From { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = ToField)]
    public DateParts To { get; set; } = new();

    public IReadOnlyList<TemplateDto> Templates { get; private set; } = [];

    public AgreementReport? Report { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Templates = (await sender.Send(new ListTemplates(IncludeRetired: true, AllVersions: true), ct)).Items;
        if (ModelState.TryGetValue(TemplateField, out var entry) && entry.Errors.Count > 0)
        {
            entry.Errors.Clear();
            entry.Errors.Add("Select a template from the list");
        }

        var from = DateOf(From, FromField, "The start date must be a real date, like 1 11 2026");
        var to = DateOf(To, ToField, "The end date must be a real date, like 1 12 2026");
        if (!ModelState.IsValid)
        {
            return;
        }

        TemplateId ??= Templates.FirstOrDefault(t => t.Latest && t.RetiredAt is null)?.Id ?? (Templates.Count > 0 ? Templates[0].Id : null);
        if (TemplateId is null)
        {
            return;
        }

        Report = (await this.TrySendAsync(sender, new GetAgreement(TemplateId, from, to), ct, FieldName)).Value;
    }

    public SelectModel TemplateSelect => new(
        TemplateField,
        "Template",
        [.. Templates.Select(t => new SelectItem(t.Id.ToString(), AgreementWords.TemplateName(t, Templates)))],
        TemplateId?.ToString(),
        Error: ModelState.ErrorFor(TemplateField));

    public DateInputModel FromInput => new(FromField, "From", From, Hint: "Grades that became final on or after this day. For example, 1 11 2026", Error: ModelState.ErrorFor(FromField));

    public DateInputModel ToInput => new(ToField, "Up to", To, Hint: "Grades that became final before this day. For example, 1 12 2026", Error: ModelState.ErrorFor(ToField));

    /// <summary>The period in words, for the headings.</summary>
    public string Period => (Report?.From, Report?.To) switch
    {
        (null, null) => "all time",
        ({ } from, null) => $"from {AgreementWords.Date(from)}",
        (null, { } to) => $"before {AgreementWords.Date(to)}",
        ({ } from, { } to) => $"from {AgreementWords.Date(from)} up to {AgreementWords.Date(to)}",
    };

    private static string FieldName(string property) => property switch
    {
        nameof(GetAgreement.TemplateId) => TemplateField,
        nameof(GetAgreement.From) => FromField,
        nameof(GetAgreement.To) => ToField,
        _ => "",
    };

    private DateOnly? DateOf(DateParts parts, string field, string message)
    {
        var typed = new[] { parts.Day, parts.Month, parts.Year }.Any(p => !string.IsNullOrWhiteSpace(p));
        if (!typed)
        {
            return null;
        }

        if (parts.ToDate() is { } date)
        {
            return date;
        }

        ModelState.AddModelError(field, message);
        return null;
    }
}

public static class AgreementPaths
{
    public const string Report = "/reports/agreement";
}

/// <summary>The agreement figures in plain words.</summary>
public static class AgreementWords
{
    public const string NotEnoughPairs = "Not enough pairs to say";

    public static string Date(DateOnly date) => Audits.AuditWords.Date(date);

    public static string TemplateName(TemplateDto template, IReadOnlyList<TemplateDto> all) =>
        all.Count(t => t.LineageId == template.LineageId) > 1 ? $"{template.Name} (version {template.Version})" : template.Name;

    public static string Percent(decimal? percent) => percent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + "%" : NotEnoughPairs;

    public static string Kappa(decimal? kappa) => kappa is { } k ? $"{k.ToString("0.00", CultureInfo.InvariantCulture)} ({Strength(k)})" : NotEnoughPairs;

    /// <summary>Landis and Koch's (1977) words for the strength of agreement a kappa shows.</summary>
    public static string Strength(decimal kappa) => kappa switch
    {
        < 0m => "worse than chance",
        <= 0.20m => "slight agreement",
        <= 0.40m => "fair agreement",
        <= 0.60m => "moderate agreement",
        <= 0.80m => "substantial agreement",
        _ => "almost perfect agreement",
    };

    public static string Role(GraderRole role) => role == GraderRole.Auditor ? "Auditor" : "Young assessor";

    public static string Difference(decimal mean) =>
        (mean > 0 ? "+" : "") + mean.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Leaning(Leaning? leaning) => leaning switch
    {
        Features.Reports.Leaning.Above => "Consistently above",
        Features.Reports.Leaning.Below => "Consistently below",
        _ => "No",
    };
}
