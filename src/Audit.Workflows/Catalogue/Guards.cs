using Audit.Domain.Grading;
using Audit.Workflows.Runtime;

namespace Audit.Workflows.Catalogue;

public sealed class AllGradingsIn : IGuard
{
    public string Name => "allGradingsIn";
    public string Description => "Every grader the template requires has submitted.";
    public IReadOnlyList<ParameterSpec> Parameters => [];

    public Func<AuditFacts, bool> Bind(Parameters parameters) => facts => facts.AllGradingsIn;
}

public sealed class NeedsModeration : IGuard
{
    public string Name => "needsModeration";
    public string Description => "Some grade is at or below forcingGrade, or two graders are pointsApart or more apart on a criterion.";

    public IReadOnlyList<ParameterSpec> Parameters =>
    [
        new("forcingGrade", ParameterKind.Grade, "A grade at or below this one always goes to moderation."),
        new("pointsApart", ParameterKind.WholeNumber, "Two graders this many points apart on a criterion go to moderation.", Min: 1),
    ];

    public Func<AuditFacts, bool> Bind(Parameters parameters)
    {
        var forcing = parameters.Grade("forcingGrade");
        var apart = parameters.WholeNumber("pointsApart");
        return facts => facts.GradesByCriterion.Any(grades =>
            grades.Any(g => g.Points() <= forcing.Points())
            || (grades.Count > 1 && grades.Max().PointsApart(grades.Min()) >= apart));
    }
}

public sealed class AnyBelowTarget : IGuard
{
    public string Name => "anyBelowTarget";
    public string Description => "The grade that counts on some criterion is below the template's target grade.";
    public IReadOnlyList<ParameterSpec> Parameters => [];

    public Func<AuditFacts, bool> Bind(Parameters parameters) => facts => facts.AnyFinalGradeBelowTarget;
}

public sealed class AllActionsClosed : IGuard
{
    public string Name => "allActionsClosed";
    public string Description => "No follow-up action of the audit is still open.";
    public IReadOnlyList<ParameterSpec> Parameters => [];

    public Func<AuditFacts, bool> Bind(Parameters parameters) => facts => facts.AllActionsClosed;
}
