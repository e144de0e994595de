using Audit.Workflows.Runtime;

namespace Audit.Workflows.Catalogue;

public sealed class FinaliseGradesActivity : IActivity
{
    public string Name => "finaliseGrades";
    public string Description => "Fix the grades that count: the moderator's where given, otherwise the auditor's.";
    public IReadOnlyList<ParameterSpec> Parameters => [];

    public Effect Create(Parameters parameters) => new FinaliseGrades();
}

public sealed class RaiseFollowUpActionsActivity : IActivity
{
    public string Name => "raiseFollowUpActions";
    public string Description => "Raise one follow-up action per criterion below target for the case file's team manager.";
    public IReadOnlyList<ParameterSpec> Parameters => [new("dueInDays", ParameterKind.WholeNumber, "Days the team manager has to close each action.", Min: 1, Max: 365)];

    public Effect Create(Parameters parameters) => new RaiseFollowUpActions(parameters.WholeNumber("dueInDays"));
}

public sealed class MarkCompletedActivity : IActivity
{
    public string Name => "markCompleted";
    public string Description => "Stamp the audit as completed.";
    public IReadOnlyList<ParameterSpec> Parameters => [];

    public Effect Create(Parameters parameters) => new MarkCompleted();
}

public sealed class CancelOpenActionsActivity : IActivity
{
    public string Name => "cancelOpenActions";
    public string Description => "Cancel every follow-up action of the audit that is still open.";
    public IReadOnlyList<ParameterSpec> Parameters => [];

    public Effect Create(Parameters parameters) => new CancelOpenActions();
}
