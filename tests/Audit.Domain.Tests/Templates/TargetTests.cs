using Audit.Domain.Grading;
using Audit.Domain.Templates;

namespace Audit.Domain.Tests.Templates;

public sealed class TargetTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public void RefusesAPercentageOutsideOneToAHundred(int percent) =>
        Should.Throw<DomainRuleException>(() => new Target(Grade.Good, percent)).Field.ShouldBe("target.percent");

    [Theory]
    [InlineData(1)]
    [InlineData(65)]
    [InlineData(100)]
    public void AcceptsAPercentageFromOneToAHundred(int percent) =>
        new Target(Grade.Good, percent).Percent.ShouldBe(percent);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void RefusesAGradeThatIsNotOnTheScale(int grade) =>
        Should.Throw<DomainRuleException>(() => new Target((Grade)grade, 65)).Field.ShouldBe("target.atLeast");

    [Theory]
    [InlineData(Grade.Outstanding, true)]
    [InlineData(Grade.Good, true)]
    [InlineData(Grade.RequiresImprovement, false)]
    [InlineData(Grade.Inadequate, false)]
    public void IsMetByItsGradeOrBetter(Grade grade, bool met) =>
        new Target(Grade.Good, 65).IsMetBy(grade).ShouldBe(met);
}
