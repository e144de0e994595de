using System.Text.Json.Serialization;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;

namespace Audit.Api.Features.CaseFiles;

/// <summary>
/// A case file, in the case-file list and inside an audit alike. For a young assessor the reference, the team's
/// name and the worker's name are left out altogether, not sent as null. The list adds when the case file was last
/// audited (its newest audit's start, as the sample's "recently audited" counts it), left out when never, and the
/// worker's user name when they use the service.
/// </summary>
public sealed record CaseFileDto(
    Guid Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reference,
    Guid TeamId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TeamName,
    ServiceArea ServiceArea,
    Stage Stage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Worker,
    ChildAgeBand ChildAgeBand,
    string? RedactedExtract,
    bool ExtractCleared,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? LastAuditedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WorkerUserName = null);
