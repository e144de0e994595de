namespace Audit.Domain.Rounds;

/// <summary>Draws a round's sample: a seeded, repeatable random pick per team.</summary>
public static class Sampler
{
    /// <summary>
    /// Teams are taken in the order given and each team's candidates in id order, so that the same seed over the
    /// same candidates always gives the same case files.
    /// </summary>
    public static IReadOnlyList<Guid> Draw(SampleRule rule, IEnumerable<(Guid TeamId, IReadOnlyList<Guid> Candidates)> teams)
    {
        var random = new Random(rule.Seed);
        var sample = new List<Guid>();
        foreach (var (_, candidates) in teams)
        {
            var pool = candidates.Order().ToArray();
            var take = Math.Min(rule.PerTeam, pool.Length);
            for (var i = 0; i < take; i++)
            {
                var j = random.Next(i, pool.Length);
                (pool[i], pool[j]) = (pool[j], pool[i]);
            }

            sample.AddRange(pool.Take(take));
        }

        return sample;
    }
}
