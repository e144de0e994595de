using Audit.Domain.Grading;

namespace Audit.Domain.Tests.Grading;

public sealed class AgreementTests
{
    [Fact]
    public void PerfectAgreementHasAKappaOfOneAndAHundredPercentExactAgreement()
    {
        var figures = AgreementFigures.Of(
        [
            new(Grade.Inadequate, Grade.Inadequate, 2),
            new(Grade.RequiresImprovement, Grade.RequiresImprovement, 3),
            new(Grade.Good, Grade.Good, 4),
            new(Grade.Outstanding, Grade.Outstanding, 1),
        ]);

        figures.ShouldBe(new AgreementFigures(10, 100.0m, 1.000m));
    }

    /// <summary>
    /// Worked by hand on the four-point scale (rows: auditor, columns: young assessor; Inadequate first):
    /// <code>
    ///   1 1 0 0   | 2
    ///   0 2 1 0   | 3
    ///   0 1 2 0   | 3
    ///   0 0 0 2   | 2
    ///   ---------
    ///   1 4 3 2     n = 10
    /// </code>
    /// Weights w(i,j) = (i−j)²/9. Observed: three pairs one point apart, Σ w·o = 3 × 1/9 = 3/9.
    /// Expected e(i,j) = r(i)·c(j)/10, so Σ w·e = Σ (i−j)²·r(i)·c(j) / 90, and Σ (i−j)²·r(i)·c(j) =
    /// 2×(0+4+12+18) + 3×(1+0+3+8) + 3×(4+4+0+2) + 2×(9+16+3+0) = 68 + 36 + 30 + 56 = 190, so Σ w·e = 190/90 = 19/9.
    /// κ = 1 − (3/9)/(19/9) = 1 − 3/19 = 16/19 = 0.8421…; exact agreement 7 of 10 = 70%.
    /// </summary>
    [Fact]
    public void GivesTheKappaWorkedByHandOnTheFourPointScale()
    {
        var figures = AgreementFigures.Of(
        [
            new(Grade.Inadequate, Grade.Inadequate, 1),
            new(Grade.Inadequate, Grade.RequiresImprovement, 1),
            new(Grade.RequiresImprovement, Grade.RequiresImprovement, 2),
            new(Grade.RequiresImprovement, Grade.Good, 1),
            new(Grade.Good, Grade.RequiresImprovement, 1),
            new(Grade.Good, Grade.Good, 2),
            new(Grade.Outstanding, Grade.Outstanding, 2),
        ]);

        figures.Pairs.ShouldBe(10);
        figures.ExactAgreement.ShouldBe(70.0m);
        figures.WeightedKappa.ShouldBe(0.842m);
        Agreement.QuadraticWeightedKappa(Agreement.Table(
        [
            new(Grade.Inadequate, Grade.Inadequate, 1),
            new(Grade.Inadequate, Grade.RequiresImprovement, 1),
            new(Grade.RequiresImprovement, Grade.RequiresImprovement, 2),
            new(Grade.RequiresImprovement, Grade.Good, 1),
            new(Grade.Good, Grade.RequiresImprovement, 1),
            new(Grade.Good, Grade.Good, 2),
            new(Grade.Outstanding, Grade.Outstanding, 2),
        ]))!.Value.ShouldBe(16.0 / 19, 1e-12);
    }

    /// <summary>
    /// The published example of Maple's EssayTools[QuadraticWeightedKappa]: scores 1 to 10,
    /// [9, 7, 8, 7, 6, 8, 3, 5, 10] against [8, 8, 6, 6, 7, 6, 1, 4, 8] gives 0.758620689655172 (= 22/29), and against
    /// [3, 5, 6, 6, 7, 6, 1, 4, 8] gives 0.438095238095238.
    /// </summary>
    [Theory]
    [InlineData(new[] { 8, 8, 6, 6, 7, 6, 1, 4, 8 }, 0.758620689655172)]
    [InlineData(new[] { 3, 5, 6, 6, 7, 6, 1, 4, 8 }, 0.438095238095238)]
    public void GivesThePublishedEssayScoringExample(int[] second, double kappa)
    {
        int[] first = [9, 7, 8, 7, 6, 8, 3, 5, 10];
        var table = new long[10, 10];
        for (var i = 0; i < first.Length; i++)
        {
            table[first[i] - 1, second[i] - 1]++;
        }

        Agreement.QuadraticWeightedKappa(table)!.Value.ShouldBe(kappa, 1e-12);
    }

    [Fact]
    public void IsUndefinedWithoutPairs()
    {
        AgreementFigures.Of([]).ShouldBe(new AgreementFigures(0, null, null));
    }

    [Fact]
    public void IsUndefinedWhenBothGradersGaveOneAndTheSameGradeThroughout()
    {
        // Every expected cell off the diagonal is 0, so chance expects no disagreement and kappa has no denominator.
        AgreementFigures.Of([new(Grade.Good, Grade.Good, 6)]).ShouldBe(new AgreementFigures(6, 100.0m, null));
    }

    [Fact]
    public void IsNegativeWhenTheGradersDisagreeMoreThanChance()
    {
        var figures = AgreementFigures.Of([new(Grade.Inadequate, Grade.Outstanding, 3), new(Grade.Outstanding, Grade.Inadequate, 3)]);

        figures.ExactAgreement.ShouldBe(0.0m);
        figures.WeightedKappa.ShouldNotBeNull().ShouldBeLessThan(0m);
    }
}
