using Audit.Domain.Actions;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Actions;

public sealed class EscalationTests
{
    [Fact]
    public void OnlyAnOverdueActionIsEscalatedAndEachLevelOnce()
    {
        var action = new FollowUpActionBuilder().Build();

        action.Escalate(1, FollowUpActionBuilder.DefaultDueOn, TestData.Now).ShouldBeFalse();
        action.Escalate(1, FollowUpActionBuilder.DefaultDueOn.AddDays(1), TestData.Now).ShouldBeTrue();
        action.Escalate(1, FollowUpActionBuilder.DefaultDueOn.AddDays(5), TestData.Now).ShouldBeFalse();

        action.Status.ShouldBe(ActionStatus.Escalated);
        action.EscalationLevel.ShouldBe(1);
        action.IsOpen.ShouldBeTrue();
        action.Escalate(2, FollowUpActionBuilder.DefaultDueOn.AddDays(15), TestData.Now).ShouldBeTrue();
        action.EscalationLevel.ShouldBe(2);
    }

    [Fact]
    public void AnEscalatedActionCanStillBeClosedButAClosedOneIsNotEscalated()
    {
        var action = new FollowUpActionBuilder().Build();
        action.Escalate(1, FollowUpActionBuilder.DefaultDueOn.AddDays(1), TestData.Now);

        action.Close("The plan now records the child's views.", People.TeamManager, TestData.Now);

        action.Status.ShouldBe(ActionStatus.Closed);
        action.Escalate(2, FollowUpActionBuilder.DefaultDueOn.AddDays(30), TestData.Now).ShouldBeFalse();
    }
}
