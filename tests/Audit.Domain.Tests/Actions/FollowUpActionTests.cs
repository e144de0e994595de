using Audit.Domain.Actions;
using Audit.Domain.Grading;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Actions;

public sealed class FollowUpActionTests
{
    private static readonly DateTimeOffset ClosedAt = TestData.Now.AddDays(3);

    [Fact]
    public void StartsOpenAtVersionZero()
    {
        var action = new FollowUpActionBuilder().ForAFinalGradeOf(Grade.Inadequate).Build();

        action.Status.ShouldBe(ActionStatus.Open);
        action.IsOpen.ShouldBeTrue();
        action.Version.ShouldBe(0);
        action.FinalGrade.ShouldBe(Grade.Inadequate);
        action.Assignee.ShouldBe(People.TeamManager);
        action.RaisedAt.ShouldBe(TestData.Now);
        action.WhatChanged.ShouldBeNull();
        action.ClosedAt.ShouldBeNull();
        action.ClosedBy.ShouldBeNull();
    }

    [Fact]
    public void ClosingRecordsWhatChangedWhoAndWhen()
    {
        var action = new FollowUpActionBuilder().Build();

        action.Close("  The child now chairs part of their own review.  ", People.TeamManager, ClosedAt);

        action.Status.ShouldBe(ActionStatus.Closed);
        action.IsOpen.ShouldBeFalse();
        action.WhatChanged.ShouldBe("The child now chairs part of their own review.");
        action.ClosedBy.ShouldBe(People.TeamManager);
        action.ClosedAt.ShouldBe(ClosedAt);
        action.Version.ShouldBe(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t")]
    public void ClosingNeedsToSayWhatChanged(string whatChanged)
    {
        var action = new FollowUpActionBuilder().Build();

        Should.Throw<DomainRuleException>(() => action.Close(whatChanged, People.TeamManager, ClosedAt)).Field.ShouldBe("whatChanged");

        action.IsOpen.ShouldBeTrue();
        action.ClosedBy.ShouldBeNull();
        action.Version.ShouldBe(0);
    }

    [Fact]
    public void ClosingRefusesAnAccountLongerThanTheLimit()
    {
        var action = new FollowUpActionBuilder().Build();

        Should.Throw<DomainRuleException>(() => action.Close(new string('x', FollowUpAction.MaxWhatChangedLength + 1), People.TeamManager, ClosedAt))
            .Field.ShouldBe("whatChanged");
        action.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void ClosingAcceptsAnAccountOfExactlyTheLimit()
    {
        var action = new FollowUpActionBuilder().Build();

        action.Close(new string('x', FollowUpAction.MaxWhatChangedLength), People.TeamManager, ClosedAt);

        action.WhatChanged!.Length.ShouldBe(FollowUpAction.MaxWhatChangedLength);
    }

    [Fact]
    public void RefusesClosingTwice()
    {
        var action = new FollowUpActionBuilder().Build();
        action.Close("The worker now visits the child at school.", People.TeamManager, ClosedAt);

        Should.Throw<DomainConflictException>(() => action.Close("Something else.", People.ServiceManager, ClosedAt.AddDays(1)));

        action.WhatChanged.ShouldBe("The worker now visits the child at school.");
        action.ClosedBy.ShouldBe(People.TeamManager);
        action.ClosedAt.ShouldBe(ClosedAt);
        action.Version.ShouldBe(1);
    }

    [Fact]
    public void RefusesClosingACancelledAction()
    {
        var action = new FollowUpActionBuilder().Build();
        action.Cancel(People.PrincipalSocialWorker, ClosedAt);

        Should.Throw<DomainConflictException>(() => action.Close("Too late.", People.TeamManager, ClosedAt))
            .Message.ShouldContain("cancelled");
        action.Status.ShouldBe(ActionStatus.Cancelled);
        action.WhatChanged.ShouldBeNull();
    }

    [Fact]
    public void CancellingRecordsWhoAndWhenAndBumpsTheVersion()
    {
        var action = new FollowUpActionBuilder().Build();

        action.Cancel(People.PrincipalSocialWorker, ClosedAt);

        action.Status.ShouldBe(ActionStatus.Cancelled);
        action.IsOpen.ShouldBeFalse();
        action.ClosedBy.ShouldBe(People.PrincipalSocialWorker);
        action.ClosedAt.ShouldBe(ClosedAt);
        action.WhatChanged.ShouldBeNull();
        action.Version.ShouldBe(1);
    }

    [Theory]
    [InlineData(2026, 11, 29, false)]
    [InlineData(2026, 11, 30, false)]
    [InlineData(2026, 12, 1, true)]
    [InlineData(2027, 3, 1, true)]
    public void IsOverdueOnlyAfterItsDueDate(int year, int month, int day, bool overdue) =>
        new FollowUpActionBuilder().DueOn(new DateOnly(2026, 11, 30)).Build()
            .IsOverdue(new DateOnly(year, month, day)).ShouldBe(overdue);

    [Fact]
    public void AClosedActionIsNeverOverdue()
    {
        var action = new FollowUpActionBuilder().Build();
        action.Close("The child now has an advocate.", People.TeamManager, ClosedAt);

        action.IsOverdue(FollowUpActionBuilder.DefaultDueOn.AddDays(30)).ShouldBeFalse();
    }

    [Fact]
    public void ACancelledActionIsNeverOverdue()
    {
        var action = new FollowUpActionBuilder().Build();
        action.Cancel(People.PrincipalSocialWorker, ClosedAt);

        action.IsOverdue(FollowUpActionBuilder.DefaultDueOn.AddDays(30)).ShouldBeFalse();
    }

    [Fact]
    public void RefusesCancellingAnActionAlreadyClosed()
    {
        var action = new FollowUpActionBuilder().Build();
        action.Close("The worker now visits the child at school.", People.TeamManager, ClosedAt);

        Should.Throw<DomainConflictException>(() => action.Cancel(People.PrincipalSocialWorker, ClosedAt.AddDays(1)))
            .Message.ShouldContain("already closed");
        action.Status.ShouldBe(ActionStatus.Closed);
        action.ClosedBy.ShouldBe(People.TeamManager);
        action.Version.ShouldBe(1);
    }

    [Fact]
    public void RefusesCancellingAnActionTwice()
    {
        var action = new FollowUpActionBuilder().Build();
        action.Cancel(People.PrincipalSocialWorker, ClosedAt);

        Should.Throw<DomainConflictException>(() => action.Cancel(People.ServiceManager, ClosedAt.AddDays(1)));
        action.ClosedBy.ShouldBe(People.PrincipalSocialWorker);
        action.ClosedAt.ShouldBe(ClosedAt);
        action.Version.ShouldBe(1);
    }

    [Fact]
    public void MeasuresWhatChangedAfterTrimmingTheSpacesAroundIt()
    {
        var full = new string('x', FollowUpAction.MaxWhatChangedLength);
        var action = new FollowUpActionBuilder().Build();

        action.Close("  " + full + "\n  ", People.TeamManager, ClosedAt);

        action.WhatChanged.ShouldBe(full);
        Should.Throw<DomainRuleException>(() => new FollowUpActionBuilder().Build().Close(full + "y", People.TeamManager, ClosedAt));
    }
}
