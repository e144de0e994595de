namespace Audit.Api.Persistence;

/// <summary>One row per entity written by a request: who changed what, and when. Written in the same transaction.</summary>
public sealed class ChangeRecord
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string UserName { get; init; }
    public required string Entity { get; init; }
    public required string EntityKey { get; init; }
    public required string Operation { get; init; }
}
