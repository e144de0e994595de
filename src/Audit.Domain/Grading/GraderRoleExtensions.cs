using Audit.Domain.Users;

namespace Audit.Domain.Grading;

public static class GraderRoleExtensions
{
    /// <summary>
    /// The role a person must hold to grade in this grader role: an auditor (or blind second auditor) must be an
    /// <see cref="Role.Auditor"/>, a young assessor a <see cref="Role.YoungAssessor"/>.
    /// </summary>
    public static string HeldAs(this GraderRole role) => role switch
    {
        GraderRole.Auditor or GraderRole.SecondAuditor => Role.Auditor,
        GraderRole.YoungAssessor => Role.YoungAssessor,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a grader role."),
    };
}
