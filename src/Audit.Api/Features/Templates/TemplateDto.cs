using Audit.Domain.Grading;

namespace Audit.Api.Features.Templates;

public sealed record CriterionDto(Guid Id, int Position, string Title, string Guidance);

public sealed record TargetDto(Grade AtLeast, int Percent);

public sealed record TemplateDto(
    Guid Id,
    string Name,
    IReadOnlyList<CriterionDto> Criteria,
    TargetDto Target,
    IReadOnlyList<GraderRole> Graders,
    IReadOnlyList<Grade> GradeScale,
    string CreatedBy,
    DateTimeOffset CreatedAt);
