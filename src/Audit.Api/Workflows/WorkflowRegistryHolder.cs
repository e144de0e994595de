using Audit.Workflows.Definitions;

namespace Audit.Api.Workflows;

/// <summary>
/// The registry of every loaded definition version. Built at start-up, once the database has said which versions
/// were published before; replaced whole (never changed in place) when the PSW publishes a new version.
/// </summary>
public sealed class WorkflowRegistryHolder
{
    private readonly Lock _publishing = new();
    private WorkflowRegistry? _registry;

    public WorkflowRegistry Registry =>
        Volatile.Read(ref _registry) ?? throw new InvalidOperationException("Workflow definitions are loaded at start-up, before requests are served.");

    public void Replace(WorkflowRegistry registry) => Volatile.Write(ref _registry, registry);

    /// <summary>Adds a newly published version; requests already running keep the registry they started with.</summary>
    public void Add(WorkflowDefinition definition)
    {
        lock (_publishing)
        {
            Replace(new WorkflowRegistry(Registry.All.Append(definition)));
        }
    }
}
