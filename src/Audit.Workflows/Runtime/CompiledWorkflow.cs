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

    // Each thread's machines, one per definition; weak, so a definition no longer used takes its machines with it.
    [ThreadStatic]
    private static ConditionalWeakTable<CompiledWorkflow, ReusedMachine>? t_machines;

    /// <summary>
    /// A Stateless machine that reads its state, the facts its guards ask about and where entry effects go from
    /// <paramref name="run"/> on every call. With no facts every guard holds (for drawing); with no list, entry
    /// effects are not collected.
    /// </summary>
    public StateMachine<string, string> Machine(MachineRun run)
    {
        var machine = new StateMachine<string, string>(() => run.State, s => run.State = s, FiringMode.Immediate);
        foreach (var state in Definition.States)
        {
            var configuration = machine.Configure(state.Name);
            var effects = Effects[state.Name];
            configuration.OnEntry(() => run.Collected?.AddRange(effects), string.Join(", ", state.OnEntry));

            foreach (var compiled in Transitions.Where(t => t.Transition.From == state.Name))
            {
                var guard = compiled.Guard;
                bool Holds() => run.Facts is not { } facts || guard(facts);
                if (compiled.Transition.IsStay)
                {
                    configuration.InternalTransitionIf(compiled.Transition.Trigger, _ => Holds(), () => { }, compiled.Label);
                }
                else if (compiled.Label.Length == 0)
                {
                    // Unguarded and first for its trigger: always taken. Permit keeps the diagram free of an empty "[]".
                    configuration.Permit(compiled.Transition.Trigger, compiled.Transition.To);
                }
                else
                {
                    configuration.PermitIf(compiled.Transition.Trigger, compiled.Transition.To, Holds, compiled.Label);
                }
            }
        }

        return machine;
    }

    /// <summary>
    /// Runs <paramref name="use"/> on this thread's machine, built once per thread and definition and reused: building
    /// a Stateless machine costs several times more than firing one. The run is set before and cleared after, so no
    /// facts or effects outlive the call.
    /// </summary>
    public T WithMachine<T>(string state, AuditFacts facts, List<Effect>? collected, Func<StateMachine<string, string>, MachineRun, T> use)
    {
        var reused = (t_machines ??= []).GetValue(this, c => new ReusedMachine(c));
        var (machine, run) = (reused.Machine, reused.Run);
        if (run.InUse)
        {
            // Re-entered on the same thread (a guard or host calling back in): a fresh machine keeps the outer call intact.
            var nested = new MachineRun();
            return Use(Machine(nested), nested);
        }

        return Use(machine, run);

        T Use(StateMachine<string, string> m, MachineRun r)
        {
            (r.State, r.Facts, r.Collected, r.InUse) = (state, facts, collected, true);
            try
            {
                return use(m, r);
            }
            finally
            {
                (r.Facts, r.Collected, r.InUse) = (null, null, false);
            }
        }
    }

    private static Func<AuditFacts, bool> Bind(GuardReference reference) =>
        WorkflowCatalogue.Guards[reference.Name].Bind(new Parameters(reference.With));
}

/// <summary>What one firing of a reused machine reads: the state it is in, the facts for its guards, where entry effects go.</summary>
internal sealed class MachineRun
{
    public string State { get; set; } = "";

    public AuditFacts? Facts { get; set; }

    public List<Effect>? Collected { get; set; }

    public bool InUse { get; set; }
}

internal sealed class ReusedMachine
{
    public ReusedMachine(CompiledWorkflow compiled) => Machine = compiled.Machine(Run);

    public MachineRun Run { get; } = new();

    public StateMachine<string, string> Machine { get; }
}

internal sealed record CompiledTransition(TransitionDefinition Transition, Func<AuditFacts, bool> Guard, string Label);
