using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Templates;

namespace Audit.Domain.Tests.Builders;

/// <summary>A grade with evidence for every criterion of a template, all the same unless told otherwise.</summary>
public sealed class GradesBuilder
{
    private readonly Template _template;
    private readonly Grade[] _grades;
    private readonly string[] _texts;

    private GradesBuilder(Template template, Grade grade)
    {
        _template = template;
        _grades = [.. template.Criteria.Select(_ => grade)];
        _texts = [.. template.Criteria.Select(c => $"Evidence for criterion {c.Position + 1}.")];
    }

    public static GradesBuilder For(Template template, Grade grade = Grade.Good) => new(template, grade);

    public GradesBuilder With(int criterion, Grade grade)
    {
        _grades[criterion] = grade;
        return this;
    }

    public GradesBuilder WithText(int criterion, string text)
    {
        _texts[criterion] = text;
        return this;
    }

    public IReadOnlyList<GradeEntry> Build() =>
        [.. _template.Criteria.Select((c, i) => new GradeEntry(c.Id, _grades[i], _texts[i]))];
}
