using Audit.Domain.Grading;
using Audit.Domain.Users;
using Audit.Workflows.Runtime;

namespace Audit.Workflows.Tests.Support;

/// <summary>Small builders for the facts a guard sees and the actors who fire triggers.</summary>
public static class Facts
{
    public static AuditFacts Waiting => new(false, [], false, false);

    public static AuditFacts AllIn(params Grade[][] gradesByCriterion) =>
        new(true, gradesByCriterion.Select(g => (IReadOnlyList<Grade>)g).ToList(), false, false);

    public static AuditFacts BelowTarget(this AuditFacts facts) => facts with { AnyFinalGradeBelowTarget = true };

    public static AuditFacts ActionsClosed(this AuditFacts facts) => facts with { AllActionsClosed = true };

    public static Actor As(params string[] roles) => new("someone", roles.ToHashSet());

    public static readonly Actor Auditor = As(Role.Auditor);
    public static readonly Actor YoungAssessor = As(Role.YoungAssessor);
    public static readonly Actor Psw = As(Role.PrincipalSocialWorker);
    public static readonly Actor TeamManager = As(Role.TeamManager);
}
