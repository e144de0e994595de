using Audit.Domain.Grading;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;

namespace Audit.Workflows.Catalogue;

public sealed class AllGradingsIn : IGuard
{
    public string Name => "allGradingsIn";
    public string Description => "Every grader the template requires has submitted.";
    public IReadOnlyList<ParameterSpec> Parameters => [];

    public Func<AuditFacts, bool> Bind(Parameters parameters) => facts => facts.AllGradingsIn;
}

public sealed class NeedsModeration : IGuard
{
    public string Name => "needsModeration";
    public string Description => "Some grade is at or below forcingGrade, or two graders are pointsApart or more apart on a criterion.";

    public IReadOnlyList<ParameterSpec> Parameters =>
    [
        new("forcingGrade", ParameterKind.Grade, "A grade at or below this one always goes to moderation."),
        new("pointsApart", ParameterKind.WholeNumber, "Two graders this many points apart on a criterion go to moderation.", Min: 1),
    ];

    public Func<AuditFacts, bool> Bind(Parameters parameters)
    {
        var rule = RuleOf(parameters);
        return facts => rule.Needed(facts.GradesByCriterion);
    }

    public static ModerationRule RuleOf(Parameters parameters) => new(parameters.Grade("forcingGrade"), parameters.WholeNumber("pointsApart"));

    /// <summary>
    /// The rule that sends an audit of this definition into <paramref name="state"/>: the <c>needsModeration</c> guard
    /// of a transition into it, else the definition's first; null when the definition never asks for moderation.
    /// </summary>
    public static ModerationRule? RuleInto(WorkflowDefinition definition, string state)
    {
        var guards = definition.Transitions
            .OrderByDescending(t => t.To == state)
            .SelectMany(t => t.When)
            .Where(g => g.Name == "needsModeration");
        return guards.FirstOrDefault() is { } guard ? RuleOf(new Parameters(guard.With)) : null;
    }

    /// <summary>The states of this definition in which an audit waits for the moderator: those the moderate trigger leaves.</summary>
    public static IReadOnlyList<string> WaitingStates(WorkflowDefinition definition) =>
        [.. definition.Transitions.Where(t => t.Trigger == Triggers.Moderate && !t.IsStay).Select(t => t.From).Distinct()];
}

public sealed class AnyBelowTarget : IGuard
{
    public string Name => "anyBelowTarget";
    public string Description => "The grade that counts on some criterion is below the template's target grade.";
    public IReadOnlyList<ParameterSpec> Parameters => [];

    public Func<AuditFacts, bool> Bind(Parameters parameters) => facts => facts.AnyFinalGradeBelowTarget;
}

public sealed class AllActionsClosed : IGuard
{
    public string Name => "allActionsClosed";
    public string Description => "No follow-up action of the audit is still open.";
    public IReadOnlyList<ParameterSpec> Parameters => [];

    public Func<AuditFacts, bool> Bind(Parameters parameters) => facts => facts.AllActionsClosed;
}
