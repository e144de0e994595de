using Audit.Domain.CaseFiles;
using Audit.Domain.Notifications;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Notifications;

public sealed class NotificationTests
{
    [Fact]
    public void MarkingReadKeepsTheFirstTime()
    {
        var notification = new Notification(Guid.NewGuid(), People.Auditor, NotificationKind.Assignment, "You have 3 case files to grade.", TestData.Now);

        notification.MarkRead(TestData.Now.AddHours(1));
        notification.MarkRead(TestData.Now.AddHours(2));

        notification.ReadAt.ShouldBe(TestData.Now.AddHours(1));
    }

    [Fact]
    public void AMessageIsNeverEmptyOrOverlong()
    {
        Should.Throw<ArgumentException>(() => new Notification(Guid.NewGuid(), People.Auditor, NotificationKind.Reminder, "", TestData.Now));
        Should.Throw<ArgumentException>(() => new Notification(Guid.NewGuid(), People.Auditor, NotificationKind.Reminder, new string('x', 501), TestData.Now));
    }

    [Theory]
    [InlineData("10-15", ChildAgeBand.TenToFifteen)]
    [InlineData("UnderFive", ChildAgeBand.UnderFive)]
    [InlineData("eighteentotwentyfive", ChildAgeBand.EighteenToTwentyFive)]
    public void AgeBandsAreReadAsRangesOrNames(string text, ChildAgeBand expected) =>
        ChildAgeBands.Parse(text).ShouldBe(expected);

    [Theory]
    [InlineData("3")]
    [InlineData("teen")]
    [InlineData("")]
    public void OtherAgeBandsAreNot(string text) => ChildAgeBands.Parse(text).ShouldBeNull();
}
