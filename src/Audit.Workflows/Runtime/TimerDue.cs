using System.Globalization;
using Audit.Domain.Calendar;
using Audit.Workflows.Catalogue;
using Audit.Workflows.Definitions;

namespace Audit.Workflows.Runtime;

/// <summary>When a timer comes due, counted from its moment: the one rule the host's scheduler and the simulator share.</summary>
public static class TimerDue
{
    /// <summary>
    /// The instant the timer fires, or null when its moment is not known for the audit (no actions yet, say). Days are
    /// the council's days: a timer counted from a due date fires at the start of the council's day, so "1 day after the
    /// actions are due" fires as the due day ends where the council is, in BST as in GMT.
    /// </summary>
    public static DateTimeOffset? At(TimerDefinition timer, DateTimeOffset stateEntered, DateOnly? roundDue, DateOnly? actionsDue, CouncilCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(calendar);
        return timer.From switch
        {
            TimerAnchors.StateEntered => calendar.AddDays(stateEntered, timer.Days),
            TimerAnchors.RoundDue => StartOf(roundDue, timer.Days, calendar),
            TimerAnchors.ActionsDue => StartOf(actionsDue, timer.Days, calendar),
            _ => null,
        };
    }

    /// <summary>The timer's moment in words: "5 days before the round is due".</summary>
    public static string Describe(TimerDefinition timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var moment = timer.From switch
        {
            TimerAnchors.StateEntered => "the audit enters the state",
            TimerAnchors.RoundDue => "the round is due",
            TimerAnchors.ActionsDue => "the follow-up actions are due",
            _ => timer.From,
        };
        var days = Math.Abs(timer.Days);
        var count = days == 1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{days} days");
        return timer.Days switch
        {
            0 => $"when {moment}",
            < 0 => $"{count} before {moment}",
            _ => $"{count} after {moment}",
        };
    }

    private static DateTimeOffset? StartOf(DateOnly? day, int days, CouncilCalendar calendar) =>
        day is { } d ? calendar.StartOf(d.AddDays(days)) : null;
}
