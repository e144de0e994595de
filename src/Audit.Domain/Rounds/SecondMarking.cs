namespace Audit.Domain.Rounds;

/// <summary>
/// Blind second marking: which of a round's audits a second auditor grades independently, and who. The choice is a
/// seeded draw, so the same seed over the same case files and pool always picks the same audits and the same people.
/// </summary>
public static class SecondMarking
{
    public const int MaxPercent = 100;

    /// <summary>How many of <paramref name="audits"/> audits are second marked: the share asked for, rounded up, so any share above 0 takes at least one.</summary>
    public static int CountFor(int audits, int percent) => percent <= 0 ? 0 : ((audits * Math.Min(percent, MaxPercent)) + MaxPercent - 1) / MaxPercent;

    /// <summary>
    /// Draws the audits (in case-file id order, shuffled with the seed) and gives each to the least-loaded auditor of
    /// the pool who is not its first auditor and does not work in its team; ties go to the first name in order.
    /// </summary>
    public static IReadOnlyList<GraderPair> Assign(int seed, int percent, IReadOnlyList<GraderPair> pairs, IReadOnlyDictionary<Guid, Guid> teamOf, IReadOnlyList<PoolMember> auditors)
    {
        var count = CountFor(pairs.Count, percent);
        if (count == 0)
        {
            return pairs;
        }

        // A stream of its own, so that the share asked for never changes which case files the sample draws.
        var random = new Random(unchecked((seed * 397) ^ 0x5EC0_4D));
        var pool = pairs.Select(p => p.CaseFileId).Order().ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        var chosen = pool.Take(count).Order().ToList();
        var load = auditors.ToDictionary(a => a.UserName, _ => 0);
        var second = new Dictionary<Guid, string>();
        var byCaseFile = pairs.ToDictionary(p => p.CaseFileId);
        foreach (var caseFileId in chosen)
        {
            var first = byCaseFile[caseFileId].Auditor;
            var pick = auditors
                .Where(a => a.UserName != first && a.TeamId != teamOf[caseFileId])
                .OrderBy(a => load[a.UserName]).ThenBy(a => a.UserName, StringComparer.Ordinal)
                .FirstOrDefault()
                ?? throw new DomainRuleException(
                    "Second marking needs another auditor in the pool for each audit chosen: one who is not its first auditor and not in its team. Tick more auditors, or ask for no second marking.",
                    "secondMarkingPercent");
            load[pick.UserName]++;
            second[caseFileId] = pick.UserName;
        }

        return [.. pairs.Select(p => second.TryGetValue(p.CaseFileId, out var s) ? p with { SecondAuditor = s } : p)];
    }

    /// <summary>
    /// The seed of a round whose case files were listed rather than sampled: the same case files always give the same
    /// seed (FNV-1a over the ordered ids), so the preview and the opening agree.
    /// </summary>
    public static int SeedOf(IEnumerable<Guid> caseFileIds)
    {
        var hash = 2166136261u;
        foreach (var id in caseFileIds.Order())
        {
            foreach (var b in id.ToByteArray())
            {
                hash = unchecked((hash ^ b) * 16777619u);
            }
        }

        return (int)(hash & int.MaxValue);
    }
}
