namespace Audit.Api.Persistence;

/// <summary>A workflow definition version as first published. Its content may never change afterwards.</summary>
public sealed class PublishedWorkflow
{
    public required string Name { get; init; }
    public required int Version { get; init; }
    public required string ContentHash { get; init; }
    public required string Json { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }

    public static PublishedWorkflow Of(Audit.Workflows.Definitions.WorkflowDefinition definition, DateTimeOffset at) => new()
    {
        Name = definition.Name,
        Version = definition.Version,
        ContentHash = definition.ContentHash,
        Json = definition.CanonicalJson,
        PublishedAt = at,
    };
}
