using System.Runtime.CompilerServices;
using Audit.Workflows.Catalogue;
using Audit.Workflows.Definitions;
using Stateless;

namespace Audit.Workflows.Runtime;

/// <summary>
/// A definition turned into what Stateless needs: for each transition, one guard over the facts that holds only
/// when the transition's own guards hold and no earlier transition for the same state and trigger matches
/// (first match wins, and Stateless sees mutually exclusive guards). Compiled once per definition version.
/// </summary>
internal sealed class CompiledWorkflow
{
    private static readonly ConditionalWeakTable<WorkflowDefinition, CompiledWorkflow> Cache = [];

    private CompiledWorkflow(WorkflowDefinition definition)
    {
        Definition = definition;
        var transitions = new List<CompiledTransition>();
        foreach (var group in definition.Transitions.GroupBy(t => (t.From, t.Trigger)))
        {
            var earlier = new List<Func<AuditFacts, bool>>();
            foreach (var transition in group)
            {
                var own = transition.When.Select(Bind).ToList();
                var before = earlier.ToList();
                bool Matches(AuditFacts facts) => own.All(g => g(facts)) && !before.Any(g => g(facts));
                var label = transition.When.Count == 0
                    ? (before.Count == 0 ? "" : "otherwise")
                    : string.Join(", ", transition.When);
                transitions.Add(new CompiledTransition(transition, Matches, label));
                earlier.Add(facts => own.All(g => g(facts)));
            }
        }

        Transitions = transitions;
        Effects = definition.States.ToDictionary(
            s => s.Name,
            s => (IReadOnlyList<Effect>)s.OnEntry.Select(a => WorkflowCatalogue.Activities[a.Name].Create(new Parameters(a.With))).ToList().AsReadOnly());
    }

    public WorkflowDefinition Definition { get; }

    public IReadOnlyList<CompiledTransition> Transitions { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<Effect>> Effects { get; }

    public static CompiledWorkflow For(WorkflowDefinition definition) => Cache.GetValue(definition, d => new CompiledWorkflow(d));

    /// <summary>A Stateless machine over the given state holder, with guards evaluated against <paramref name="facts"/>.</summary>
    public StateMachine<string, string> Machine(Func<string> read, Action<string> write, AuditFacts? facts, List<Effect>? collected)
    {
        var machine = new StateMachine<string, string>(read, write);
        foreach (var state in Definition.States)
        {
            var configuration = machine.Configure(state.Name);
            if (collected is not null)
            {
                var effects = Effects[state.Name];
                configuration.OnEntry(() => collected.AddRange(effects), string.Join(", ", state.OnEntry));
            }

            foreach (var compiled in Transitions.Where(t => t.Transition.From == state.Name))
            {
                var guard = compiled.Guard;
                Func<bool> holds = facts is null ? () => true : () => guard(facts);
                if (compiled.Transition.IsStay)
                {
                    configuration.InternalTransitionIf(compiled.Transition.Trigger, _ => holds(), () => { }, compiled.Label);
                }
                else if (compiled.Label.Length == 0)
                {
                    // Unguarded and first for its trigger: always taken. Permit keeps the diagram free of an empty "[]".
                    configuration.Permit(compiled.Transition.Trigger, compiled.Transition.To);
                }
                else
                {
                    configuration.PermitIf(compiled.Transition.Trigger, compiled.Transition.To, holds, compiled.Label);
                }
            }
        }

        return machine;
    }

    private static Func<AuditFacts, bool> Bind(GuardReference reference) =>
        WorkflowCatalogue.Guards[reference.Name].Bind(new Parameters(reference.With));
}

internal sealed record CompiledTransition(TransitionDefinition Transition, Func<AuditFacts, bool> Guard, string Label);
