using Audit.Domain.Teams;

namespace Audit.Domain.Rounds;

/// <summary>
/// How a round picks its case files: <see cref="PerTeam"/> at random from each team in scope, skipping files audited
/// in the last <see cref="ExcludeAuditedWithinMonths"/> months. The same seed over the same files gives the same sample.
/// </summary>
public sealed record SampleRule(int PerTeam, IReadOnlyList<ServiceArea> ServiceAreas, IReadOnlyList<Guid> Teams, int ExcludeAuditedWithinMonths, int Seed)
{
    public const int MaxPerTeam = 100;

    public bool Covers(Team team) =>
        (ServiceAreas.Count == 0 || ServiceAreas.Contains(team.ServiceArea)) && (Teams.Count == 0 || Teams.Contains(team.Id));
}
