using Audit.Domain.Grading;
using Audit.Domain.Templates;

namespace Audit.Domain.Tests.Builders;

/// <summary>A template with three criteria, a target of 65% good or better, graded by an auditor and a young assessor.</summary>
public sealed class TemplateBuilder
{
    private string _name = "Voice of the child";
    private IReadOnlyList<(string Title, string Guidance)> _criteria =
    [
        ("I am listened to.", "Look for the child's own words in the record."),
        ("My worker knows me and understands my needs.", "Look for what the worker learned from the child."),
        ("I am involved in decisions about me.", "Look for how the child took part in the plan."),
    ];

    private Grade _targetGrade = Grade.Good;
    private int _targetPercent = 65;
    private IReadOnlyList<GraderRole> _graders = [GraderRole.Auditor, GraderRole.YoungAssessor];

    public TemplateBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public TemplateBuilder WithCriteria(params (string Title, string Guidance)[] criteria)
    {
        _criteria = criteria;
        return this;
    }

    public TemplateBuilder WithCriteria(int count) =>
        WithCriteria([.. Enumerable.Range(1, count).Select(i => ($"Criterion {i}", $"Guidance {i}"))]);

    public TemplateBuilder WithTarget(Grade atLeast, int percent = 65)
    {
        _targetGrade = atLeast;
        _targetPercent = percent;
        return this;
    }

    public TemplateBuilder GradedBy(params GraderRole[] graders)
    {
        _graders = graders;
        return this;
    }

    public TemplateBuilder GradedByAnAuditorOnly() => GradedBy(GraderRole.Auditor);

    public Template Build() =>
        new(Guid.NewGuid(), _name, _criteria, new Target(_targetGrade, _targetPercent), _graders, People.PrincipalSocialWorker, TestData.Now);
}
