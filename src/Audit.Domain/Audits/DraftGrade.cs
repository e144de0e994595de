using Audit.Domain.Grading;

namespace Audit.Domain.Audits;

/// <summary>One criterion in a draft: the grade and the evidence as far as the grader has got.</summary>
public sealed class DraftGrade
{
    private DraftGrade()
    {
    }

    internal DraftGrade(Guid draftId, Guid criterionId, Grade? grade, string? evidence)
    {
        DraftId = draftId;
        CriterionId = criterionId;
        Grade = grade;
        Evidence = evidence;
    }

    public Guid DraftId { get; private set; }
    public Guid CriterionId { get; private set; }
    public Grade? Grade { get; private set; }
    public string? Evidence { get; private set; }

    internal void Change(Grade? grade, string? evidence)
    {
        Grade = grade;
        Evidence = evidence;
    }
}
