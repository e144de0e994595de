namespace Audit.Api.Pages;

/// <summary>
/// A date as three inputs (day, month, year) in a fieldset, from the Design System. The fields are named
/// <c>{Name}.Day</c>, <c>{Name}.Month</c> and <c>{Name}.Year</c>, so they bind to a <see cref="DateParts"/>.
/// </summary>
public sealed record DateInputModel(string Name, string Legend, DateParts? Value = null, string? Hint = null, string? Error = null)
{
    public string Id => FieldIds.For(Name);
}

/// <summary>What was typed into a date input, kept as typed so that a mistake can be shown back.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }

    public string? Month { get; set; }

    public string? Year { get; set; }

    public static DateParts From(DateOnly date) => new()
    {
        Day = date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Month = date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Year = date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The date, or null when any part is missing or the parts make no real date.</summary>
    public DateOnly? ToDate() =>
        int.TryParse(Day, out var day) && int.TryParse(Month, out var month) && int.TryParse(Year, out var year)
        && year is >= 1900 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
}
