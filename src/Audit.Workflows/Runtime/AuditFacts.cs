using Audit.Domain.Actions;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Templates;

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
    bool AllActionsClosed)
{
    /// <summary>
    /// What the guards see of an audit as it now stands: the one place the facts are read off the audit, for real
    /// audits and for a simulated one alike.
    /// </summary>
    public static AuditFacts Of(CaseFileAudit audit, Template template, IEnumerable<FollowUpAction> actions)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(actions);
        return new(
            audit.AllGradingsIn(template),
            audit.GradesByCriterion(template),
            audit.AnyGradeBelowTarget(template),
            actions.All(a => !a.IsOpen));
    }
}

/// <summary>Who fires a trigger, with the roles they hold.</summary>
public sealed record Actor(string UserName, IReadOnlySet<string> Roles);
