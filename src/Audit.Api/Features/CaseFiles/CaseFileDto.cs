using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;

namespace Audit.Api.Features.CaseFiles;

/// <summary>A case file as staff see it. Young assessors never receive this shape: see <see cref="Audits.CaseFileView"/>.</summary>
public sealed record CaseFileDto(
    Guid Id,
    string Reference,
    Guid TeamId,
    string TeamName,
    ServiceArea ServiceArea,
    Stage Stage,
    string Worker,
    ChildAgeBand ChildAgeBand,
    bool HasRedactedExtract);
