namespace Audit.Domain.Grading;

/// <summary>Who grades a case file. A template says which of these must grade each audit.</summary>
public enum GraderRole
{
    Auditor = 1,
    YoungAssessor = 2,

    /// <summary>
    /// A second auditor who grades the audit blind, for the agreement report alone: never required by a template, never
    /// counted towards completion, moderation or the final grades.
    /// </summary>
    SecondAuditor = 3,
}
