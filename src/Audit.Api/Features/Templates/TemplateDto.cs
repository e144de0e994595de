using Audit.Domain.Grading;

namespace Audit.Api.Features.Templates;

/// <summary>
/// A criterion. Staff see its title, guidance and plain words. A young assessor sees the plain words as the title where
/// they are set, and no guidance: guidance is written for staff and may use staff wording.
/// </summary>
public sealed record CriterionDto(Guid Id, int Position, string Title, string? Guidance, string? PlainWords);

public sealed record TargetDto(Grade AtLeast, int Percent);

/// <summary>
/// One version of a template. <paramref name="LineageId"/> is shared by all its versions (the first version's id);
/// <paramref name="Latest"/> says whether this is the newest; <paramref name="RetiredAt"/> is set on every version of
/// a retired template.
/// </summary>
public sealed record TemplateDto(
    Guid Id,
    string Name,
    IReadOnlyList<CriterionDto> Criteria,
    TargetDto Target,
    IReadOnlyList<GraderRole> Graders,
    IReadOnlyList<Grade> GradeScale,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    int Version,
    Guid LineageId,
    bool Latest,
    DateTimeOffset? RetiredAt,
    string? RetiredBy);
