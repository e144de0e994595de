using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Riok.Mapperly.Abstractions;

namespace Audit.Api.Features.Templates;

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class TemplateMapper
{
    /// <summary>Ofsted's four points, best first: the scale every template grades on.</summary>
    public static readonly IReadOnlyList<Grade> GradeScale = [Grade.Outstanding, Grade.Good, Grade.RequiresImprovement, Grade.Inadequate];

    /// <param name="latest">Whether no newer version of the template exists: only the database knows.</param>
    public static TemplateDto ToDto(this Template template, bool latest) => new(
        template.Id,
        template.Name,
        template.Criteria.OrderBy(c => c.Position).Select(ToDto).ToList(),
        ToDto(template.Target),
        template.Graders,
        GradeScale,
        template.CreatedBy,
        template.CreatedAt,
        template.Version,
        template.LineageId,
        latest,
        template.RetiredAt,
        template.RetiredBy);

    public static partial CriterionDto ToDto(this Criterion criterion);

    /// <summary>The criterion as a young assessor sees it: in plain words where the template gives them, without staff guidance.</summary>
    public static CriterionDto ToPlainWordsDto(this Criterion criterion) =>
        new(criterion.Id, criterion.Position, criterion.PlainWords ?? criterion.Title, null, criterion.PlainWords);

    public static partial TargetDto ToDto(this Target target);
}
