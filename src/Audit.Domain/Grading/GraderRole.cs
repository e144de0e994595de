namespace Audit.Domain.Grading;

/// <summary>Who grades a case file. A template says which of these must grade each audit.</summary>
public enum GraderRole
{
    Auditor = 1,
    YoungAssessor = 2,
}
