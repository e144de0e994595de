namespace Audit.Domain.Grading;

/// <summary>How many (audit, criterion) pairs two graders graded with one grade and the other with another.</summary>
public sealed record GradePairCount(Grade First, Grade Second, int Count);

/// <summary>
/// Two graders' agreement over their pairs: how many pairs, the share with the same grade (percent, one decimal) and
/// Cohen's kappa with quadratic weights (three decimals); each share null when it is undefined.
/// </summary>
public sealed record AgreementFigures(int Pairs, decimal? ExactAgreement, decimal? WeightedKappa)
{
    public static AgreementFigures Of(IEnumerable<GradePairCount> counts)
    {
        var table = Agreement.Table(counts);
        var pairs = (int)Agreement.Total(table);
        return new AgreementFigures(
            pairs,
            Agreement.ExactAgreementPercent(table) is { } exact ? Math.Round((decimal)exact, 1) : null,
            Agreement.QuadraticWeightedKappa(table) is { } kappa ? Math.Round((decimal)kappa, 3) : null);
    }
}

/// <summary>
/// Agreement between two raters on an ordered scale. Pure arithmetic over a confusion table (rows: the first rater's
/// category, columns: the second's), so that it can be checked by hand.
/// </summary>
public static class Agreement
{
    /// <summary>The four-point scale as a 4 by 4 table, Inadequate first.</summary>
    public static long[,] Table(IEnumerable<GradePairCount> counts)
    {
        var table = new long[4, 4];
        foreach (var count in counts)
        {
            table[count.First.Points() - 1, count.Second.Points() - 1] += count.Count;
        }

        return table;
    }

    public static long Total(long[,] table)
    {
        long total = 0;
        foreach (var cell in table)
        {
            total += cell;
        }

        return total;
    }

    /// <summary>The share of pairs on the diagonal, in percent; null when there are no pairs.</summary>
    public static double? ExactAgreementPercent(long[,] table)
    {
        RequireSquare(table);
        var total = Total(table);
        if (total == 0)
        {
            return null;
        }

        long same = 0;
        for (var i = 0; i < table.GetLength(0); i++)
        {
            same += table[i, i];
        }

        return 100.0 * same / total;
    }

    /// <summary>
    /// Cohen's (1968) weighted kappa with quadratic disagreement weights w(i,j) = (i - j)² / (k - 1)²:
    /// κ = 1 − Σ w·observed / Σ w·expected, where expected(i,j) = row total(i) × column total(j) / n.
    /// 1 is perfect agreement, 0 what chance alone gives, below 0 worse than chance. Null when undefined: no pairs,
    /// or no disagreement to expect (both raters used one and the same grade throughout).
    /// </summary>
    public static double? QuadraticWeightedKappa(long[,] table)
    {
        RequireSquare(table);
        var k = table.GetLength(0);
        var n = (double)Total(table);
        if (n == 0 || k < 2)
        {
            return null;
        }

        var rows = new double[k];
        var columns = new double[k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                rows[i] += table[i, j];
                columns[j] += table[i, j];
            }
        }

        double observed = 0;
        double expected = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var weight = (double)((i - j) * (i - j)) / ((k - 1) * (k - 1));
                observed += weight * table[i, j];
                expected += weight * rows[i] * columns[j] / n;
            }
        }

        return expected == 0 ? null : 1 - (observed / expected);
    }

    private static void RequireSquare(long[,] table)
    {
        if (table.GetLength(0) != table.GetLength(1))
        {
            throw new ArgumentException("A confusion table has as many columns as rows.", nameof(table));
        }
    }
}
