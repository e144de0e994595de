using Audit.Domain.Grading;

namespace Audit.Domain.Audits;

/// <summary>One grader's grade for one criterion, with what in the record shows it.</summary>
public sealed class CriterionGrade
{
    private CriterionGrade()
    {
    }

    internal CriterionGrade(Guid criterionId, Grade grade, string evidence)
    {
        CriterionId = criterionId;
        Grade = grade;
        Evidence = evidence;
    }

    public Guid GradingId { get; private set; }
    public Guid CriterionId { get; private set; }
    public Grade Grade { get; private set; }
    public string Evidence { get; private set; } = "";
}
