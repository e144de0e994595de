namespace Audit.Api.Persistence;

/// <summary>
/// Who changed what, and when: one row per aggregate a request wrote (an audit with its gradings, grades and history
/// lines; a template with its criteria), written in the same transaction. <see cref="Changes"/> names what changed.
/// </summary>
public sealed class ChangeRecord
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string UserName { get; init; }

    /// <summary>The aggregate's root entity, e.g. CaseFileAudit.</summary>
    public required string Entity { get; init; }

    public required string EntityKey { get; init; }

    /// <summary>What happened to the root: Added, Modified (itself or only its parts) or Deleted.</summary>
    public required string Operation { get; init; }

    /// <summary>
    /// JSON naming what changed, never the values: <c>{"fields":["State","Version"],"added":{"AuditGrading":["…"]},
    /// "deleted":{…},"modified":{…}}</c>, the parts listed by entity and key. Null on rows written before it existed.
    /// </summary>
    public string? Changes { get; init; }
}
