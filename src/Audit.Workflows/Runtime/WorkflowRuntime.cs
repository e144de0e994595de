using Audit.Workflows.Definitions;

namespace Audit.Workflows.Runtime;

/// <summary>
/// The pure heart of the engine: (definition, state, trigger, actor, facts) gives the new state and the effects the
/// host must apply. Nothing is stored here; the caller keeps the state on the audit's row.
/// </summary>
public static class WorkflowRuntime
{
    /// <summary>Where a new audit begins, with the initial state's entry effects.</summary>
    public static Started Start(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var compiled = CompiledWorkflow.For(definition);
        return new Started(definition.InitialState, compiled.Effects[definition.InitialState]);
    }

    /// <summary>
    /// Fires <paramref name="trigger"/> from <paramref name="currentState"/>: the first transition for that state and
    /// trigger whose guards hold is taken. Refuses with <see cref="TriggerForbidden"/> when the actor holds none of the
    /// trigger's roles, and with <see cref="TriggerNotPermitted"/> when the trigger cannot fire in this state now.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="currentState"/> is not a state of the definition.</exception>
    public static FireResult Fire(WorkflowDefinition definition, string currentState, string trigger, Actor actor, AuditFacts facts)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(facts);
        RequireState(definition, currentState);
        var declared = definition.Trigger(trigger);
        if (declared is not null && !declared.Roles.Any(actor.Roles.Contains))
        {
            return new TriggerForbidden(trigger, declared.Roles);
        }

        var effects = new List<Effect>();
        var state = declared is null ? null : CompiledWorkflow.For(definition).WithMachine(currentState, facts, effects, (machine, run) =>
        {
            if (!machine.CanFire(trigger))
            {
                return null;
            }

            machine.Fire(trigger);
            return run.State;
        });
        if (state is null)
        {
            return new TriggerNotPermitted(currentState, trigger, PermittedTriggers(definition, currentState, actor, facts));
        }

        var changed = state != currentState;
        return new Transitioned(currentState, state, trigger, changed, changed ? effects.AsReadOnly() : []);
    }

    /// <summary>The triggers this actor may fire in this state now, in the order the definition declares them.</summary>
    public static IReadOnlyList<string> PermittedTriggers(WorkflowDefinition definition, string state, Actor actor, AuditFacts facts)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(facts);
        RequireState(definition, state);
        return CompiledWorkflow.For(definition).WithMachine(state, facts, collected: null, (machine, _) => definition.Triggers
            .Where(t => t.Roles.Any(actor.Roles.Contains) && machine.CanFire(t.Name))
            .Select(t => t.Name)
            .ToList());
    }

    /// <summary>
    /// The transition firing <paramref name="trigger"/> from <paramref name="state"/> would take with these facts (the
    /// first whose guards hold), or null when none would.
    /// </summary>
    public static TransitionDefinition? TransitionTaken(WorkflowDefinition definition, string state, string trigger, AuditFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        RequireState(definition, state);
        return CompiledWorkflow.For(definition).Transitions
            .FirstOrDefault(t => t.Transition.From == state && t.Transition.Trigger == trigger && t.Guard(facts))?.Transition;
    }

    /// <summary>
    /// A transition's guards in words, as the diagrams show them: its guards, "otherwise" for an unguarded fallback
    /// after others for the same state and trigger, or empty when it is always taken.
    /// </summary>
    public static string GuardLabel(WorkflowDefinition definition, TransitionDefinition transition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return CompiledWorkflow.For(definition).Transitions.First(t => ReferenceEquals(t.Transition, transition)).Label;
    }

    /// <summary>The timers an audit waiting in <paramref name="state"/> has.</summary>
    public static IReadOnlyList<TimerDefinition> Timers(WorkflowDefinition definition, string state)
    {
        RequireState(definition, state);
        return definition.State(state)!.Timers;
    }

    /// <summary>What firing a state's timer asks of the host. The state does not change.</summary>
    public static IReadOnlyList<Effect> TimerEffects(WorkflowDefinition definition, string state, string timer) =>
        Timers(definition, state).FirstOrDefault(t => t.Name == timer) is { } found
            ? found.Do.Select(a => Catalogue.WorkflowCatalogue.Activities[a.Name].Create(new Catalogue.Parameters(a.With))).ToList()
            : throw new ArgumentException($"'{state}' of {definition.Name} v{definition.Version} has no timer '{timer}'.", nameof(timer));

    private static void RequireState(WorkflowDefinition definition, string state)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        if (definition.State(state) is null)
        {
            throw new ArgumentException($"'{state}' is not a state of {definition.Name} v{definition.Version}.", nameof(state));
        }
    }
}
