using System.Globalization;
using Audit.Api.Features.RoundPlans;
using Audit.Api.Pages.Audits;

namespace Audit.Api.Pages.RoundPlans;

/// <summary>How the round plan pages say things: the schedule in words, the next dates, paused or active.</summary>
public static class RoundPlanWords
{
    private static readonly string[] WeekDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static string Path(Guid id) => $"/round-plans/{id}";

    public static TagModel Status(RoundPlanDto plan) => plan.Active ? new("Active", "green") : new("Paused", "grey");

    public static string Opening(DateTimeOffset at) => AuditWords.DateTime(at.ToUniversalTime()) + " UTC";

    public static string Openings(RoundPlanDto plan) =>
        plan.NextOpenings.Count == 0 ? "None while paused" : string.Join("; ", plan.NextOpenings.Select(o => AuditWords.Date(o)));

    public static string DayCount(int count) => count == 1 ? "1 day" : $"{count} days";

    /// <summary>
    /// A five-field cron schedule in words, for the shapes a plan usually takes: a time of day on days of the month,
    /// weekdays or months ("06:00 UTC on day 1 of every month"). Anything else is given as written.
    /// </summary>
    public static string Schedule(string cron)
    {
        var parts = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var minute) || minute > 59
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var hour) || hour > 23)
        {
            return $"On the schedule \"{cron}\" (cron, UTC)";
        }

        var time = $"{hour:00}:{minute:00} UTC";
        var (dayOfMonth, month, dayOfWeek) = (parts[2], parts[3], parts[4]);
        var months = month == "*" ? "every month" : Listed(month, m => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m), 1, 12);
        var weekdays = dayOfWeek == "*" ? null : Listed(dayOfWeek, d => WeekDays[d % 7], 0, 7);
        var days = dayOfMonth == "*" ? null : Listed(dayOfMonth, d => d.ToString(CultureInfo.InvariantCulture), 1, 31);
        if (months is null || (dayOfWeek != "*" && weekdays is null) || (dayOfMonth != "*" && days is null))
        {
            return $"On the schedule \"{cron}\" (cron, UTC)";
        }

        var inMonths = month == "*" ? "" : $" in {months}";
        return (days, weekdays) switch
        {
            (null, null) => $"Every day at {time}{inMonths}",
            (null, { } w) => $"Every {w} at {time}{inMonths}",
            ({ } d, null) => $"At {time} on day {d} of {(month == "*" ? "every month" : months)}",
            ({ } d, { } w) => $"At {time} on day {d} of {(month == "*" ? "every month" : months)}, and every {w}",
        };
    }

    /// <summary>"1,4,7" as "1, 4 and 7" through <paramref name="name"/>; null for anything but plain numbers in range.</summary>
    private static string? Listed(string field, Func<int, string> name, int min, int max)
    {
        var values = new List<int>();
        foreach (var part in field.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                return null;
            }

            values.Add(value);
        }

        var names = values.Select(name).ToList();
        return names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
    }
}
