namespace Audit.Domain.Rounds;

/// <summary>An auditor or young assessor in a round's pool; an auditor's own team, if they have one.</summary>
public sealed record PoolMember(string UserName, Guid? TeamId);

/// <summary>Who grades one case file of a round; <see cref="SecondAuditor"/> grades it blind, for the agreement report alone.</summary>
public sealed record GraderPair(Guid CaseFileId, string Auditor, string? YoungAssessor, string? SecondAuditor = null);

/// <summary>
/// Spreads a round's case files over its pools: each goes to the least-loaded grader who may take it, so that the
/// busiest grader has at most one more than the least busy, and no auditor grades a case file of their own team.
/// </summary>
public static class GraderAssignment
{
    /// <param name="youngAssessorField">The request's field that names the young assessors, for a refusal to point at.</param>
    public static IReadOnlyList<GraderPair> Assign(
        IReadOnlyList<(Guid CaseFileId, Guid TeamId)> caseFiles,
        IReadOnlyList<PoolMember> auditors,
        IReadOnlyList<PoolMember> youngAssessors,
        string youngAssessorField = "youngAssessors")
    {
        if (auditors.Count == 0)
        {
            throw new DomainRuleException("Name at least one auditor.", "auditors");
        }

        RequireSeparatePools(auditors.Select(a => a.UserName), youngAssessors.Select(y => y.UserName), youngAssessorField);

        var auditorLoad = auditors.ToDictionary(a => a.UserName, _ => 0);
        var youngAssessorLoad = youngAssessors.ToDictionary(a => a.UserName, _ => 0);

        // Files whose team rules out the most auditors go first, while everyone is still free to take them.
        var ordered = caseFiles
            .OrderByDescending(c => auditors.Count(a => a.TeamId == c.TeamId))
            .ThenBy(c => c.CaseFileId)
            .ToList();
        var auditorOf = new Dictionary<Guid, string>();
        var youngAssessorOf = new Dictionary<Guid, string?>();
        foreach (var (caseFileId, teamId) in ordered)
        {
            auditorOf[caseFileId] = LeastLoaded(auditors.Where(a => a.TeamId != teamId), auditorLoad)
                ?? throw new DomainRuleException("Every auditor named works in the team of one of the case files; add an auditor from another team.", "auditors");
            youngAssessorOf[caseFileId] = LeastLoaded(youngAssessors, youngAssessorLoad);
        }

        Rebalance(caseFiles, auditors, auditorOf, auditorLoad);
        return caseFiles.Select(c => new GraderPair(c.CaseFileId, auditorOf[c.CaseFileId], youngAssessorOf[c.CaseFileId])).ToList();
    }

    /// <summary>
    /// The greedy pass can leave the busiest auditor two or more ahead when team rules bite. Move case files from the
    /// busiest towards the least busy, directly or through a third auditor, while that narrows the gap.
    /// </summary>
    private static void Rebalance(
        IReadOnlyList<(Guid CaseFileId, Guid TeamId)> caseFiles,
        IReadOnlyList<PoolMember> auditors,
        Dictionary<Guid, string> auditorOf,
        Dictionary<string, int> load)
    {
        var teamOf = caseFiles.ToDictionary(c => c.CaseFileId, c => c.TeamId);
        var member = auditors.ToDictionary(a => a.UserName);
        bool MayTake(string auditor, Guid caseFile) => member[auditor].TeamId != teamOf[caseFile];
        void Move(Guid caseFile, string to)
        {
            load[auditorOf[caseFile]]--;
            load[to]++;
            auditorOf[caseFile] = to;
        }

        for (var round = 0; round < caseFiles.Count * auditors.Count; round++)
        {
            var busiest = load.MaxBy(l => l.Value).Key;
            var idlest = load.MinBy(l => l.Value).Key;
            if (load[busiest] - load[idlest] <= 1)
            {
                return;
            }

            var direct = auditorOf.Where(a => a.Value == busiest).Select(a => a.Key).FirstOrDefault(f => MayTake(idlest, f));
            if (direct != Guid.Empty)
            {
                Move(direct, idlest);
                continue;
            }

            var viaThird = (
                from third in auditors.Select(a => a.UserName).Where(a => a != busiest && a != idlest)
                from fromBusiest in auditorOf.Where(a => a.Value == busiest).Select(a => a.Key).Where(f => MayTake(third, f))
                from fromThird in auditorOf.Where(a => a.Value == third).Select(a => a.Key).Where(f => MayTake(idlest, f))
                select (fromBusiest, third, fromThird)).FirstOrDefault();
            if (viaThird.third is null)
            {
                return;
            }

            Move(viaThird.fromBusiest, viaThird.third);
            Move(viaThird.fromThird, idlest);
        }
    }

    /// <summary>
    /// Refuses a person named both as an auditor and as a young assessor: one person may not grade an audit in both
    /// roles, and a pool that holds them twice could pair them with themselves.
    /// </summary>
    public static void RequireSeparatePools(IEnumerable<string> auditors, IEnumerable<string> youngAssessors, string youngAssessorField)
    {
        var both = youngAssessors.Intersect(auditors, StringComparer.OrdinalIgnoreCase).FirstOrDefault();
        if (both is not null)
        {
            throw new DomainRuleException(Audits.CaseFileAudit.BothAuditorAndYoungAssessor(both), youngAssessorField);
        }
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
