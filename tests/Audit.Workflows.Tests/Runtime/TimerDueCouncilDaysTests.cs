using Audit.Domain.Calendar;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;

namespace Audit.Workflows.Tests.Runtime;

/// <summary>Timers counted from a due date fire as the council's day ends, in BST as in GMT.</summary>
public sealed class TimerDueCouncilDaysTests
{
    private static TimerDefinition Timer(string from, int days) => new("t", from, days, []);

    [Fact]
    public void ADayAfterActionsDueInBstFiresAtMidnightLondonTimeNotUtc()
    {
        var due = TimerDue.At(Timer("actionsDue", 1), DateTimeOffset.UnixEpoch, null, new DateOnly(2026, 3, 29), CouncilCalendar.London);

        due.ShouldBe(new DateTimeOffset(2026, 3, 29, 23, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void ADayAfterTheRoundIsDueOnTheDayTheClocksGoBackFiresAtMidnightGmt()
    {
        var due = TimerDue.At(Timer("roundDue", 1), DateTimeOffset.UnixEpoch, new DateOnly(2026, 10, 25), null, CouncilCalendar.London);

        due.ShouldBe(new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void DaysAfterEnteringAStateKeepTheTimeOnTheCouncilsClock()
    {
        var entered = new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero);

        TimerDue.At(Timer("stateEntered", 7), entered, null, null, CouncilCalendar.London).ShouldBe(new DateTimeOffset(2026, 10, 27, 10, 0, 0, TimeSpan.Zero));
    }
}
