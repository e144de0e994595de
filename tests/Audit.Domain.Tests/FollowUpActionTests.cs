using Audit.Domain.Actions;
using Audit.Domain.Grading;

namespace Audit.Domain.Tests;

public sealed class FollowUpActionTests
{
    private static readonly DateTimeOffset Raised = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static FollowUpAction Action() =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Grade.RequiresImprovement, Guid.NewGuid(), "tess.harrow", new DateOnly(2026, 11, 30), Raised);

    [Fact]
    public void ClosingRecordsWhatChangedWhoAndWhen()
    {
        var action = Action();

        action.Close("  The child now chairs part of their review.  ", "tess.harrow", Raised.AddDays(3));

        action.Status.ShouldBe(ActionStatus.Closed);
        action.WhatChanged.ShouldBe("The child now chairs part of their review.");
        action.ClosedBy.ShouldBe("tess.harrow");
        action.ClosedAt.ShouldBe(Raised.AddDays(3));
        action.Version.ShouldBe(1);
    }

    [Fact]
    public void ClosingNeedsToSayWhatChanged()
    {
        var action = Action();

        Should.Throw<DomainRuleException>(() => action.Close(" ", "tess.harrow", Raised)).Field.ShouldBe("whatChanged");
        action.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void RefusesClosingTwice()
    {
        var action = Action();
        action.Close("Done.", "tess.harrow", Raised);

        Should.Throw<DomainConflictException>(() => action.Close("Again.", "tess.harrow", Raised));
        action.WhatChanged.ShouldBe("Done.");
    }

    [Fact]
    public void CancellingLeavesAClosedActionAlone()
    {
        var open = Action();
        var closed = Action();
        closed.Close("Done.", "tess.harrow", Raised);

        open.Cancel("ada.winslow", Raised);
        closed.Cancel("ada.winslow", Raised);

        open.Status.ShouldBe(ActionStatus.Cancelled);
        closed.Status.ShouldBe(ActionStatus.Closed);
    }

    [Fact]
    public void IsOverdueOnlyWhenOpenPastItsDueDate()
    {
        var action = Action();

        action.IsOverdue(new DateOnly(2026, 11, 30)).ShouldBeFalse();
        action.IsOverdue(new DateOnly(2026, 12, 1)).ShouldBeTrue();
        action.Close("Done.", "tess.harrow", Raised);
        action.IsOverdue(new DateOnly(2026, 12, 1)).ShouldBeFalse();
    }
}
