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

public sealed class NotifyActivity : IActivity
{
    public string Name => "notify";
    public string Description => "Tell the people in a role about this audit: the PSW, the graders assigned, or the case file's team or service manager.";

    public IReadOnlyList<ParameterSpec> Parameters =>
    [
        new("role", ParameterKind.Role, "Who to tell: every PrincipalSocialWorker; the audit's Auditor or YoungAssessor; the case file's TeamManager or ServiceManager."),
        new("kind", ParameterKind.Choice, "What sort of news it is, for the recipient's list.", Choices: Enum.GetNames<Domain.Notifications.NotificationKind>()),
        new("message", ParameterKind.Text, "What to tell them. Name no child, family or worker: it is shown as written.", Max: 200),
    ];

    public Effect Create(Parameters parameters) =>
        new Notify(parameters.Text("role"), Enum.Parse<Domain.Notifications.NotificationKind>(parameters.Text("kind")), parameters.Text("message"));
}

public sealed class RemindGradersActivity : IActivity
{
    public string Name => "remindGraders";
    public string Description => "Remind the assigned graders who have not yet submitted.";
    public IReadOnlyList<ParameterSpec> Parameters => [];

    public Effect Create(Parameters parameters) => new RemindGraders();
}

public sealed class EscalateOverdueActionsActivity : IActivity
{
    public string Name => "escalateOverdueActions";
    public string Description => "Escalate every open action past its due date to the service manager, to the given level.";
    public IReadOnlyList<ParameterSpec> Parameters => [new("level", ParameterKind.WholeNumber, "1 for the first escalation, 2 for the next, and so on.", Min: 1, Max: 5)];

    public Effect Create(Parameters parameters) => new EscalateOverdueActions(parameters.WholeNumber("level"));
}
