using System.Globalization;
using Audit.Workflows.Catalogue;
using Audit.Workflows.Definitions;

namespace Audit.Workflows.Runtime;

/// <summary>When a timer comes due, counted from its moment: the one rule the host's scheduler and the simulator share.</summary>
public static class TimerDue
{
    /// <summary>The instant the timer fires, or null when its moment is not known for the audit (no actions yet, say).</summary>
    public static DateTimeOffset? At(TimerDefinition timer, DateTimeOffset stateEntered, DateOnly? roundDue, DateOnly? actionsDue)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var anchor = timer.From switch
        {
            TimerAnchors.StateEntered => stateEntered,
            TimerAnchors.RoundDue => Midnight(roundDue),
            TimerAnchors.ActionsDue => Midnight(actionsDue),
            _ => null,
        };
        return anchor?.AddDays(timer.Days);
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

    private static DateTimeOffset? Midnight(DateOnly? day) =>
        day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
}
