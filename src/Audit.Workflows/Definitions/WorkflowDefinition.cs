using System.Text.Json;

namespace Audit.Workflows.Definitions;

/// <summary>One published version of a workflow, as read from its JSON file. Immutable.</summary>
public sealed record WorkflowDefinition(
    string Name,
    int Version,
    string Title,
    string? Description,
    string InitialState,
    IReadOnlyList<StateDefinition> States,
    IReadOnlyList<TriggerDefinition> Triggers,
    IReadOnlyList<TransitionDefinition> Transitions,
    string ContentHash,
    string CanonicalJson,
    string Source)
{
    public StateDefinition? State(string name) => States.FirstOrDefault(s => s.Name == name);

    public TriggerDefinition? Trigger(string name) => Triggers.FirstOrDefault(t => t.Name == name);

    public bool IsFinal(string state) => State(state)?.Final ?? false;

    public IEnumerable<TransitionDefinition> TransitionsFrom(string state) => Transitions.Where(t => t.From == state);

    public IReadOnlyList<ActivityReference> EntryActivities(string state) => State(state)?.OnEntry ?? [];
}

public sealed record StateDefinition(string Name, string? Description, bool Final, IReadOnlyList<ActivityReference> OnEntry, IReadOnlyList<TimerDefinition> Timers);

/// <summary>
/// Something to do while an audit waits in a state: <see cref="Days"/> after (or, when negative, before) the
/// <see cref="From"/> moment, run <see cref="Do"/>. Timers are stored with the audit and fire once.
/// </summary>
public sealed record TimerDefinition(string Name, string From, int Days, IReadOnlyList<ActivityReference> Do);

public sealed record TriggerDefinition(string Name, IReadOnlyList<string> Roles);

/// <summary>
/// A way out of <see cref="From"/> on <see cref="Trigger"/>. Transitions for the same state and trigger are tried in
/// file order and the first whose guards all hold is taken. <see cref="To"/> equal to <see cref="From"/> is a stay.
/// </summary>
public sealed record TransitionDefinition(string From, string Trigger, string To, IReadOnlyList<GuardReference> When)
{
    public bool IsStay => From == To;
}

public sealed record GuardReference(string Name, IReadOnlyDictionary<string, JsonElement> With)
{
    public override string ToString() =>
        With.Count == 0 ? Name : $"{Name}({string.Join(", ", With.Select(p => $"{p.Key}={p.Value}"))})";
}

public sealed record ActivityReference(string Name, IReadOnlyDictionary<string, JsonElement> With)
{
    public override string ToString() =>
        With.Count == 0 ? Name : $"{Name}({string.Join(", ", With.Select(p => $"{p.Key}={p.Value}"))})";
}
