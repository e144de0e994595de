using Audit.Domain.Reporting;
using Shouldly;

namespace Audit.Domain.Tests.Reporting;

public sealed class WilsonIntervalTests
{
    [Theory]
    [InlineData(8, 10, 49.0, 94.3)]
    [InlineData(1, 2, 9.5, 90.5)]
    [InlineData(65, 100, 55.3, 73.6)]
    public void GivesTheWilsonScoreIntervalInPercentToOneDecimal(int successes, int total, double low, double high) =>
        WilsonInterval.Of(successes, total).ShouldBe(new ConfidenceInterval((decimal)low, (decimal)high));

    [Fact]
    public void MatchesNewcombesPublishedWorkedExampleOf81Of263() =>

        // Newcombe (1998), Statistics in Medicine 17:857-872, table I: 81/263, score method 0.2553 to 0.3662.
        WilsonInterval.Of(81, 263).ShouldBe(new ConfidenceInterval(25.5m, 36.6m));

    [Fact]
    public void StartsAtZeroWhenNoneOfTheSampleSucceeds() =>
        WilsonInterval.Of(0, 10).ShouldBe(new ConfidenceInterval(0m, 27.8m));

    [Fact]
    public void EndsAtOneHundredWhenAllOfTheSampleSucceeds() =>
        WilsonInterval.Of(10, 10).ShouldBe(new ConfidenceInterval(72.2m, 100m));

    [Fact]
    public void HasNoIntervalWhenThereIsNothingToEstimateFrom() =>
        WilsonInterval.Of(0, 0).ShouldBeNull();

    [Fact]
    public void RefusesMoreSuccessesThanTheTotal() =>
        Should.Throw<ArgumentOutOfRangeException>(() => WilsonInterval.Of(3, 2));
}
