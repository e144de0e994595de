namespace Audit.Domain.Calendar;

/// <summary>
/// The council's calendar: which day it is and when a day starts and ends, in the council's time zone
/// (<see cref="DefaultTimeZone"/> unless configured), not in UTC. A date "in N days" is the council's day N days on, and it
/// ends at the end of that day where the council is, on either side of the change between GMT and BST.
/// </summary>
public sealed class CouncilCalendar
{
    public const string DefaultTimeZone = "Europe/London";

    public CouncilCalendar(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;
    }

    /// <summary>The default council calendar: England's.</summary>
    public static CouncilCalendar London { get; } = For(DefaultTimeZone);

    /// <summary>A calendar that counts days in UTC: for a run that has no council, such as the simulator's day numbers.</summary>
    public static CouncilCalendar Utc { get; } = new(TimeZoneInfo.Utc);

    public TimeZoneInfo Zone { get; }

    /// <summary>The calendar of the named time zone (IANA id, such as Europe/London); the default when none is named.</summary>
    public static CouncilCalendar For(string? timeZoneId)
    {
        var id = string.IsNullOrWhiteSpace(timeZoneId) ? DefaultTimeZone : timeZoneId.Trim();
        try
        {
            return new CouncilCalendar(TimeZoneInfo.FindSystemTimeZoneById(id));
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new InvalidOperationException($"Council:TimeZone names '{id}', which is not a time zone this machine knows (use an IANA id such as {DefaultTimeZone}).", e);
        }
    }

    /// <summary>The council's day at the moment <paramref name="now"/>.</summary>
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);

    /// <summary>The council's day <paramref name="days"/> days after the day of <paramref name="now"/>.</summary>
    public DateOnly DaysFrom(DateTimeOffset now, int days) => Today(now).AddDays(days);

    /// <summary>The moment the council's day begins (its midnight), whatever the offset from UTC that day.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        while (Zone.IsInvalidTime(midnight))
        {
            // A zone whose clocks skip midnight: the day begins at its first moment that exists.
            midnight = midnight.AddMinutes(30);
        }

        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>The moment the council's day ends: a date is due up to this instant, and overdue from it.</summary>
    public DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1));

    /// <summary>The same time on the council's clock <paramref name="days"/> days later (23 or 25 hours a day at the clock changes).</summary>
    public DateTimeOffset AddDays(DateTimeOffset moment, int days)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Zone).DateTime.AddDays(days);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
