using Audit.Domain.Calendar;

namespace Audit.Domain.Tests.Calendar;

/// <summary>Days are the council's (Europe/London), on either side of the change between BST and GMT, not UTC's.</summary>
public sealed class CouncilCalendarTests
{
    private static readonly CouncilCalendar London = CouncilCalendar.London;

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void TodayIsTheCouncilsDayNotUtcs()
    {
        // 23:30 UTC on Saturday 24 October 2026 is 00:30 BST on Sunday 25 October in London.
        London.Today(Utc(2026, 10, 24, 23, 30)).ShouldBe(new DateOnly(2026, 10, 25));
        London.Today(Utc(2026, 10, 24, 22, 59)).ShouldBe(new DateOnly(2026, 10, 24));

        // In GMT the two agree.
        London.Today(Utc(2026, 3, 28, 23, 30)).ShouldBe(new DateOnly(2026, 3, 28));
    }

    [Fact]
    public void ADateInNDaysCountsFromTheCouncilsToday() =>
        London.DaysFrom(Utc(2026, 10, 24, 23, 30), 28).ShouldBe(new DateOnly(2026, 11, 22));

    [Fact]
    public void TheDayTheClocksGoBackEndsAtMidnightGmtAfterTwentyFiveHours()
    {
        var day = new DateOnly(2026, 10, 25);

        London.StartOf(day).ShouldBe(Utc(2026, 10, 24, 23));
        London.EndOf(day).ShouldBe(Utc(2026, 10, 26, 0));
        (London.EndOf(day) - London.StartOf(day)).ShouldBe(TimeSpan.FromHours(25));
    }

    [Fact]
    public void TheDayTheClocksGoForwardEndsAtMidnightBstAfterTwentyThreeHours()
    {
        var day = new DateOnly(2026, 3, 29);

        London.StartOf(day).ShouldBe(Utc(2026, 3, 29, 0));
        London.EndOf(day).ShouldBe(Utc(2026, 3, 29, 23));
        (London.EndOf(day) - London.StartOf(day)).ShouldBe(TimeSpan.FromHours(23));
    }

    [Fact]
    public void AddingDaysKeepsTheTimeOnTheCouncilsClockAcrossTheChange()
    {
        // 09:00 GMT on 28 March is 09:00 BST (08:00 UTC) a day later.
        London.AddDays(Utc(2026, 3, 28, 9), 1).ShouldBe(Utc(2026, 3, 29, 8));
        London.AddDays(Utc(2026, 10, 24, 8), 1).ShouldBe(Utc(2026, 10, 25, 9));
    }

    [Fact]
    public void TheTimeZoneCanBeConfiguredAndAnUnknownOneIsRefusedAtStart()
    {
        CouncilCalendar.For(null).Zone.Id.ShouldBe(CouncilCalendar.DefaultTimeZone);
        CouncilCalendar.For("Europe/Paris").Today(Utc(2026, 7, 1, 22, 30)).ShouldBe(new DateOnly(2026, 7, 2));
        Should.Throw<InvalidOperationException>(() => CouncilCalendar.For("Mars/Olympus_Mons")).Message.ShouldContain("Council:TimeZone");
    }
}
