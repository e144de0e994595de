namespace Audit.Workflows.Definitions;

/// <summary>Every loaded definition version, by name and version.</summary>
public sealed class WorkflowRegistry
{
    private readonly IReadOnlyList<WorkflowDefinition> _all;

    public WorkflowRegistry(IEnumerable<WorkflowDefinition> definitions)
    {
        var list = definitions.ToList();
        var conflicts = list
            .GroupBy(d => (d.Name, d.Version))
            .Where(g => g.Select(d => d.ContentHash).Distinct().Count() > 1)
            .SelectMany(g => g.Skip(1).Select(d => new WorkflowDefinitionError(d.Source, "$",
                $"{d.Name} version {d.Version} differs from the same version in {g.First().Source}.")))
            .ToList();
        if (conflicts.Count > 0)
        {
            throw new WorkflowDefinitionException(conflicts);
        }

        _all = list.DistinctBy(d => (d.Name, d.Version)).OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Version).ToList();
    }

    public IReadOnlyList<WorkflowDefinition> All => _all;

    public WorkflowDefinition? Get(string name, int version) => _all.FirstOrDefault(d => d.Name == name && d.Version == version);

    public WorkflowDefinition? Latest(string name) => _all.LastOrDefault(d => d.Name == name);

    public IReadOnlyList<int> Versions(string name) => _all.Where(d => d.Name == name).Select(d => d.Version).ToList();
}
