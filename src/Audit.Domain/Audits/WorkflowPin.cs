namespace Audit.Domain.Audits;

/// <summary>The workflow definition an audit started on. The audit keeps running on it when newer versions arrive.</summary>
public sealed record WorkflowPin(string Name, int Version, string ContentHash);
