namespace Audit.Domain.Rounds;

/// <summary>An auditor or young assessor in a round's pool; an auditor's own team, if they have one.</summary>
public sealed record PoolMember(string UserName, Guid? TeamId);

/// <summary>Who grades one case file of a round.</summary>
public sealed record GraderPair(Guid CaseFileId, string Auditor, string? YoungAssessor);

/// <summary>
/// Spreads a round's case files over its pools: each goes to the least-loaded grader who may take it, so that the
/// busiest grader has at most one more than the least busy, and no auditor grades a case file of their own team.
/// </summary>
public static class GraderAssignment
{
    public static IReadOnlyList<GraderPair> Assign(
        IReadOnlyList<(Guid CaseFileId, Guid TeamId)> caseFiles,
        IReadOnlyList<PoolMember> auditors,
        IReadOnlyList<PoolMember> youngAssessors)
    {
        if (auditors.Count == 0)
        {
            throw new DomainRuleException("Name at least one auditor.", "auditors");
        }

        var auditorLoad = auditors.ToDictionary(a => a.UserName, _ => 0);
        var youngAssessorLoad = youngAssessors.ToDictionary(a => a.UserName, _ => 0);

        // Files whose team rules out the most auditors go first, while everyone is still free to take them.
        var ordered = caseFiles
            .OrderByDescending(c => auditors.Count(a => a.TeamId == c.TeamId))
            .ThenBy(c => c.CaseFileId)
            .ToList();
        var pairs = new Dictionary<Guid, GraderPair>();
        foreach (var (caseFileId, teamId) in ordered)
        {
            var auditor = LeastLoaded(auditors.Where(a => a.TeamId != teamId), auditorLoad)
                ?? throw new DomainRuleException("Every auditor named works in the team of one of the case files; add an auditor from another team.", "auditors");
            var youngAssessor = LeastLoaded(youngAssessors, youngAssessorLoad);
            pairs[caseFileId] = new GraderPair(caseFileId, auditor, youngAssessor);
        }

        return caseFiles.Select(c => pairs[c.CaseFileId]).ToList();
    }

    private static string? LeastLoaded(IEnumerable<PoolMember> eligible, Dictionary<string, int> load)
    {
        var chosen = eligible.OrderBy(m => load[m.UserName]).ThenBy(m => m.UserName, StringComparer.Ordinal).FirstOrDefault();
        if (chosen is not null)
        {
            load[chosen.UserName]++;
        }

        return chosen?.UserName;
    }
}
