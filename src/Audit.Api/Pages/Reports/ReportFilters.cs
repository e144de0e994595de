using System.Globalization;
using Audit.Api.Features.Templates;
using Audit.Api.Pages.Audits;
using Audit.Domain.Teams;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Audit.Api.Pages.Reports;

public static class ReportPaths
{
    public const string ThreeViews = "/reports/three-views";
    public const string YouSaidWeDid = "/reports/you-said-we-did";
    public const string ImportEvidence = "/evidence/import";
}

/// <summary>
/// The period filter the report pages share: a first and a last month (the last included), chosen from the past
/// three years; by default the twelve months to this one, as the API's default. The API is sent dates: the first
/// month's first day, and the day after the last month.
/// </summary>
public sealed class ReportFilters(string? from, string? to, TimeProvider clock)
{
    public const string TemplateField = "templateId";
    public const string FromField = "from";
    public const string ToField = "to";
    public const string ServiceAreaField = "serviceArea";

    private readonly DateOnly _thisMonth = FirstOf(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    public string FromMonth { get; } = string.IsNullOrWhiteSpace(from) ? "" : from.Trim();

    public string ToMonth { get; } = string.IsNullOrWhiteSpace(to) ? "" : to.Trim();

    /// <summary>The newest month first, back three years.</summary>
    public IReadOnlyList<DateOnly> Months => Enumerable.Range(0, 36).Select(i => _thisMonth.AddMonths(-i)).ToList();

    public DateOnly? FromDate => Parse(FromMonth) ?? (FromMonth.Length == 0 ? _thisMonth.AddMonths(-11) : null);

    public DateOnly? ToDate => Parse(ToMonth)?.AddMonths(1) ?? (ToMonth.Length == 0 ? _thisMonth.AddMonths(1) : null);

    /// <summary>False (with the errors in <paramref name="modelState"/>) when a month typed into the address is not a month.</summary>
    public bool Check(ModelStateDictionary modelState)
    {
        if (FromDate is null)
        {
            modelState.AddModelError(FromField, "Select the first month from the list");
        }

        if (ToDate is null)
        {
            modelState.AddModelError(ToField, "Select the last month from the list");
        }

        return FromDate is not null && ToDate is not null;
    }

    public SelectModel FromSelect(ModelStateDictionary modelState) => new(
        FromField, "From", MonthItems(), FromDate is { } date ? Label(date) : FromMonth, Error: modelState.ErrorFor(FromField));

    public SelectModel ToSelect(ModelStateDictionary modelState) => new(
        ToField, "To (this month included)", MonthItems(), ToDate is { } date ? Label(date.AddMonths(-1)) : ToMonth, Error: modelState.ErrorFor(ToField));

    /// <summary>The template of a report that counts every version of it (the dashboard and the printed reports).</summary>
    public static SelectModel LineageTemplateSelect(IEnumerable<TemplateDto> templates, Guid? templateId, ModelStateDictionary modelState) => new(
        TemplateField,
        "Template",
        [.. templates.Select(t => new SelectItem(t.Id.ToString(), t.Name))],
        templateId?.ToString(),
        Hint: "Every version of the template counts.",
        Error: modelState.ErrorFor(TemplateField));

    public static SelectModel ServiceAreaSelect(ServiceArea? value, ModelStateDictionary modelState) => new(
        ServiceAreaField,
        "Service area",
        [new("", "All service areas"), .. Enum.GetValues<ServiceArea>().Select(a => new SelectItem(a.ToString(), AuditWords.Of(a)))],
        value?.ToString(),
        Error: modelState.ErrorFor(ServiceAreaField));

    /// <summary>"November 2026" for "2026-11".</summary>
    public static string MonthWords(string month) =>
        Parse(month) is { } date ? date.ToString("MMMM yyyy", CultureInfo.InvariantCulture) : month;

    /// <summary>The query-string pairs that keep this period.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Query() =>
        [new(FromField, FromMonth.Length == 0 ? null : FromMonth), new(ToField, ToMonth.Length == 0 ? null : ToMonth)];

    /// <summary>Maps the request's property names to the page's fields.</summary>
    public static string FieldName(string property) => property switch
    {
        "From" => FromField,
        "To" => ToField,
        "ServiceArea" => ServiceAreaField,
        "TemplateId" => "templateId",
        _ => "",
    };

    private List<SelectItem> MonthItems() => Months.Select(m => new SelectItem(Label(m), m.ToString("MMMM yyyy", CultureInfo.InvariantCulture))).ToList();

    private static string Label(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static DateOnly FirstOf(DateOnly date) => new(date.Year, date.Month, 1);

    private static DateOnly? Parse(string month) =>
        DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
