using System.Globalization;
using System.Text.RegularExpressions;
using Audit.Domain.Teams;

namespace Audit.Api.Features.Exports;

/// <summary>
/// A download's file name from the report's name and its filters, such as <c>dashboard-2026-11-01-to-2026-12-01</c>:
/// the service area (if chosen), then the dates (<c>to</c> is the day after the last day, as in the filters). Made of
/// the report's name, enum names and dates only, never of anything a person typed.
/// </summary>
internal static partial class ExportNames
{
    public static string Of(string report, params string?[] parts) =>
        string.Join('-', new[] { report }.Concat(parts.Where(p => !string.IsNullOrEmpty(p)))!);

    public static string Period(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        (null, null) => "all-dates",
        ({ } start, null) => $"from-{Day(start)}",
        (null, { } end) => $"to-{Day(end)}",
        ({ } start, { } end) => $"{Day(start)}-to-{Day(end)}",
    };

    public static string? Area(ServiceArea? area) => area is { } a ? Kebab(a.ToString()) : null;

    public static string Kebab(string name) => Words().Replace(name, "$1-$2").ToLowerInvariant();

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Words();
}
