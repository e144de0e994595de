using Audit.Domain.Grading;

namespace Audit.Workflows.Runtime;

/// <summary>What the guards may know about an audit at the moment a trigger fires.</summary>
/// <param name="AllGradingsIn">Every grader the template requires has submitted.</param>
/// <param name="GradesByCriterion">Every submitted grader's grade, criterion by criterion.</param>
/// <param name="AnyFinalGradeBelowTarget">The grade that counts on some criterion is below the template's target grade.</param>
/// <param name="AllActionsClosed">No follow-up action of the audit is still open.</param>
public sealed record AuditFacts(
    bool AllGradingsIn,
    IReadOnlyList<IReadOnlyList<Grade>> GradesByCriterion,
    bool AnyFinalGradeBelowTarget,
    bool AllActionsClosed);

/// <summary>Who fires a trigger, with the roles they hold.</summary>
public sealed record Actor(string UserName, IReadOnlySet<string> Roles);
