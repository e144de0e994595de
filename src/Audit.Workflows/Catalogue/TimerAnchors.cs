namespace Audit.Workflows.Catalogue;

/// <summary>The moments a timer can count from. The host knows each one's date for an audit.</summary>
public static class TimerAnchors
{
    /// <summary>When the audit entered the state the timer belongs to.</summary>
    public const string StateEntered = "stateEntered";

    /// <summary>The audit's round's due date.</summary>
    public const string RoundDue = "roundDue";

    /// <summary>The due date of the audit's follow-up actions.</summary>
    public const string ActionsDue = "actionsDue";

    public static readonly IReadOnlyList<string> All = [StateEntered, RoundDue, ActionsDue];
}
