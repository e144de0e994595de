using Audit.Domain.Grading;

namespace Audit.Domain.Tests.Grading;

public sealed class GradeExtensionsTests
{
    [Theory]
    [InlineData(Grade.Inadequate, 1)]
    [InlineData(Grade.RequiresImprovement, 2)]
    [InlineData(Grade.Good, 3)]
    [InlineData(Grade.Outstanding, 4)]
    public void ScoresHigherGradesWithMorePoints(Grade grade, int points) =>
        grade.Points().ShouldBe(points);

    [Theory]
    [InlineData(Grade.Inadequate, Grade.Good, true)]
    [InlineData(Grade.RequiresImprovement, Grade.Good, true)]
    [InlineData(Grade.Good, Grade.Good, false)]
    [InlineData(Grade.Outstanding, Grade.Good, false)]
    [InlineData(Grade.Good, Grade.Outstanding, true)]
    public void IsBelowOnlyAStrictlyBetterTarget(Grade grade, Grade target, bool below)
    {
        grade.IsBelow(target).ShouldBe(below);
        grade.IsAtLeast(target).ShouldBe(!below);
    }

    [Theory]
    [InlineData(Grade.Outstanding, Grade.RequiresImprovement, 2)]
    [InlineData(Grade.Inadequate, Grade.Outstanding, 3)]
    [InlineData(Grade.Good, Grade.Good, 0)]
    public void CountsPointsApartEitherWayRound(Grade one, Grade other, int apart)
    {
        one.PointsApart(other).ShouldBe(apart);
        other.PointsApart(one).ShouldBe(apart);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(0, false)]
    [InlineData(5, false)]
    [InlineData(-1, false)]
    public void KnowsWhichValuesAreOnTheScale(int value, bool defined) =>
        ((Grade)value).IsDefined().ShouldBe(defined);
}
