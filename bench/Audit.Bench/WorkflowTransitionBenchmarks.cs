using Audit.Domain.Grading;
using Audit.Workflows.Catalogue;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;
using BenchmarkDotNet.Attributes;
using Stateless;

namespace Audit.Bench;

/// <summary>
/// A grading's transition through the engine (the JSON definition, its guards and entry effects) against the floor:
/// building an equivalent Stateless machine by hand and firing it. The goal is no more than 2× the baseline.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class WorkflowTransitionBenchmarks
{
    private static readonly Actor YoungAssessor = new("jay.assessor", new HashSet<string> { "YoungAssessor" });

    // The last grading in, one criterion below target, graders close: Grading to ActionsOpen with its effects.
    private static readonly AuditFacts Facts = new(
        AllGradingsIn: true,
        GradesByCriterion: [[Grade.Good, Grade.Good], [Grade.RequiresImprovement, Grade.Good]],
        AnyFinalGradeBelowTarget: true,
        AllActionsClosed: false);

    private WorkflowDefinition _definition = null!;

    [GlobalSetup]
    public void Load() =>
        _definition = WorkflowLoader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "case-file-audit.json")), "case-file-audit.json");

    [Benchmark(Baseline = true, Description = "Stateless: build and fire")]
    public string StatelessBuildAndFire()
    {
        var state = "Grading";
        var effects = new List<string>();
        var facts = Facts;
        var machine = new StateMachine<string, string>(() => state, s => state = s, FiringMode.Immediate);
        bool NeedsModeration() => facts.GradesByCriterion.Any(c => c.Contains(Grade.Inadequate) || (c.Count > 1 && c.Max() - c.Min() >= 2));
        machine.Configure("Grading")
            .PermitIf("submitGrading", "Moderation", () => facts.AllGradingsIn && NeedsModeration())
            .PermitIf("submitGrading", "ActionsOpen", () => facts.AllGradingsIn && !NeedsModeration() && facts.AnyFinalGradeBelowTarget)
            .PermitIf("submitGrading", "Completed", () => facts.AllGradingsIn && !NeedsModeration() && !facts.AnyFinalGradeBelowTarget)
            .InternalTransitionIf("submitGrading", _ => !facts.AllGradingsIn, () => { })
            .Permit("cancel", "Cancelled");
        machine.Configure("Moderation")
            .OnEntry(() => effects.Add("notify"))
            .PermitIf("moderate", "ActionsOpen", () => facts.AnyFinalGradeBelowTarget)
            .PermitIf("moderate", "Completed", () => !facts.AnyFinalGradeBelowTarget)
            .Permit("cancel", "Cancelled");
        machine.Configure("ActionsOpen")
            .OnEntry(() => effects.AddRange(["finaliseGrades", "raiseFollowUpActions", "notify"]))
            .PermitIf("closeAction", "Completed", () => facts.AllActionsClosed)
            .InternalTransitionIf("closeAction", _ => !facts.AllActionsClosed, () => { })
            .Permit("cancel", "Cancelled");
        machine.Configure("Completed").OnEntry(() => effects.AddRange(["finaliseGrades", "markCompleted"]));
        machine.Configure("Cancelled").OnEntry(() => effects.Add("cancelOpenActions"));
        if (!machine.CanFire("submitGrading"))
        {
            throw new InvalidOperationException("The baseline machine refused the grading.");
        }

        machine.Fire("submitGrading");
        return state;
    }

    [Benchmark(Description = "Engine: WorkflowRuntime.Fire")]
    public string EngineFire() =>
        WorkflowRuntime.Fire(_definition, "Grading", Triggers.SubmitGrading, YoungAssessor, Facts) is Transitioned { To: var to }
            ? to
            : throw new InvalidOperationException("The engine refused the grading.");
}
