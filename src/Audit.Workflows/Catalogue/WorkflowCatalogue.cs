namespace Audit.Workflows.Catalogue;

/// <summary>Every guard and activity a definition may name, by name.</summary>
public static class WorkflowCatalogue
{
    public static readonly IReadOnlyDictionary<string, IGuard> Guards =
        new IGuard[] { new AllGradingsIn(), new NeedsModeration(), new AnyBelowTarget(), new AllActionsClosed() }
            .ToDictionary(g => g.Name, StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<string, IActivity> Activities =
        new IActivity[] { new FinaliseGradesActivity(), new RaiseFollowUpActionsActivity(), new MarkCompletedActivity(), new CancelOpenActionsActivity(), new NotifyActivity(),
            new RemindGradersActivity(), new EscalateOverdueActionsActivity() }
            .ToDictionary(a => a.Name, StringComparer.Ordinal);
}
