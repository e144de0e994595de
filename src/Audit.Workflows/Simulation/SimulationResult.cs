namespace Audit.Workflows.Simulation;

/// <summary>The path an imagined audit takes, step by step, and where it ends.</summary>
/// <param name="Notes">What the scenario asked for that did not happen, and why, in words.</param>
public sealed record SimulationResult(IReadOnlyList<SimulationStep> Steps, string FinalState, IReadOnlyList<string> Notes);

/// <summary>
/// One step: the trigger fired (or the timer that came due) on <see cref="Day"/> days after the start, by whom, from
/// which state to which, the guards of the transition taken, and what it raised.
/// </summary>
/// <param name="Guards">The guards of the transition taken, "otherwise" for a fallback; empty when it has none.</param>
/// <param name="Actions">What the host does, in words: grades made final, follow-up actions raised, and so on.</param>
/// <param name="Timers">The timers set on entering <see cref="To"/>, with the day each would fire.</param>
public sealed record SimulationStep(
    int Day,
    string From,
    string Trigger,
    string By,
    string To,
    string Guards,
    IReadOnlyList<string> Actions,
    IReadOnlyList<SimulatedNotification> Notifications,
    IReadOnlyList<SimulatedTimer> Timers);

/// <summary>Who would be told (a role, or the graders still to submit), what sort of news and in which words.</summary>
public sealed record SimulatedNotification(string To, string Kind, string Message);

/// <summary>A timer of <see cref="State"/> and the day after the start it fires, unless the audit has left the state.</summary>
/// <param name="When">The timer's moment in words, such as "5 days before the round is due".</param>
public sealed record SimulatedTimer(string Name, string State, int Day, string When);
