namespace Audit.Workflows.Runtime;

/// <summary>Something the host must do, in the same transaction, because the audit entered a state.</summary>
public abstract record Effect;

/// <summary>Fix the grades that count: the moderator's where given, otherwise the auditor's.</summary>
public sealed record FinaliseGrades : Effect;

/// <summary>Raise one follow-up action per criterion below target, due <paramref name="DueInDays"/> days from now.</summary>
public sealed record RaiseFollowUpActions(int DueInDays) : Effect
{
    /// <summary>The day the actions raised at <paramref name="now"/> are due: the council's day, <see cref="DueInDays"/> on.</summary>
    public DateOnly DueOn(DateTimeOffset now, Domain.Calendar.CouncilCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.DaysFrom(now, DueInDays);
    }
}

/// <summary>Stamp the audit as completed.</summary>
public sealed record MarkCompleted : Effect;

/// <summary>Cancel every follow-up action of the audit that is still open.</summary>
public sealed record CancelOpenActions : Effect;

/// <summary>Tell the people in <paramref name="Role"/> about the audit, in the words of the definition.</summary>
public sealed record Notify(string Role, Domain.Notifications.NotificationKind Kind, string Message) : Effect;

/// <summary>Remind the graders who have not yet submitted.</summary>
public sealed record RemindGraders : Effect
{
    public const string Message = "A reminder: an audit assigned to you is waiting for your grades.";
}

/// <summary>Escalate every open, overdue action not yet at <paramref name="Level"/> to the service manager.</summary>
public sealed record EscalateOverdueActions(int Level) : Effect
{
    /// <summary>What the service manager is told for each action escalated.</summary>
    public string Message => $"A follow-up action is overdue and has been escalated to you (level {Level}).";
}
