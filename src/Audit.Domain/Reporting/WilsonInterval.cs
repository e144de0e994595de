namespace Audit.Domain.Reporting;

/// <summary>A 95% confidence interval of a share, in percent to one decimal place.</summary>
public sealed record ConfidenceInterval(decimal Low, decimal High);

/// <summary>
/// The Wilson score interval of a share: how far the true share may sit from the share seen in a sample of n. Unlike
/// the "plus or minus" (Wald) interval it stays within 0 to 100% and behaves for small n and shares near 0 or 100%.
/// </summary>
public static class WilsonInterval
{
    /// <summary>The normal quantile for 95% confidence.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// The 95% interval of <paramref name="successes"/> of <paramref name="total"/>, in percent rounded to one decimal
    /// place; null when there is nothing to estimate from (a total of 0).
    /// </summary>
    public static ConfidenceInterval? Of(int successes, int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, successes);
        if (total == 0)
        {
            return null;
        }

        double n = total;
        var p = successes / n;
        var z2 = Z95 * Z95;
        var centre = p + (z2 / (2 * n));
        var spread = Z95 * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        var denominator = 1 + (z2 / n);
        var low = successes == 0 ? 0 : (centre - spread) / denominator;
        var high = successes == total ? 1 : (centre + spread) / denominator;
        return new ConfidenceInterval(Percent(low), Percent(high));
    }

    private static decimal Percent(double share) => Math.Round((decimal)(share * 100), 1, MidpointRounding.AwayFromZero);
}
