using Audit.Api.Workflows;
using Audit.Domain.Notifications;
using Audit.Domain.Users;
using Audit.Workflows.Runtime;
using Shouldly;

namespace Audit.Api.Tests.Features;

/// <summary>What the timer runner loads for a timer's effects: gradings only for an effect that reads them (EffectApplier.ReadsGradings).</summary>
public sealed class TimerEffectReadsTests
{
    [Fact]
    public void Escalating_notifying_completing_and_cancelling_actions_read_no_gradings()
    {
        Effect[] effects = [new EscalateOverdueActions(1), new Notify(Role.ServiceManager, NotificationKind.Escalation, "Overdue"), new MarkCompleted(), new CancelOpenActions()];

        effects.Where(EffectApplier.ReadsGradings).ShouldBeEmpty();
    }

    [Fact]
    public void Finalising_grades_raising_actions_and_reminding_graders_read_the_gradings()
    {
        Effect[] effects = [new FinaliseGrades(), new RaiseFollowUpActions(10), new RemindGraders()];

        effects.ShouldAllBe(e => EffectApplier.ReadsGradings(e));
    }
}
