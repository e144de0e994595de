using Audit.Domain.Grading;

namespace Audit.Domain.Audits;

/// <summary>A moderator's final word on one criterion, confirming or changing the graders' grade, with the reason.</summary>
public sealed class ModeratedGrade
{
    private ModeratedGrade()
    {
    }

    internal ModeratedGrade(Guid criterionId, Grade grade, string reason, string moderator, DateTimeOffset at)
    {
        CriterionId = criterionId;
        Grade = grade;
        Reason = reason;
        Moderator = moderator;
        ModeratedAt = at;
    }

    public Guid AuditId { get; private set; }
    public Guid CriterionId { get; private set; }
    public Grade Grade { get; private set; }
    public string Reason { get; private set; } = "";
    public string Moderator { get; private set; } = "";
    public DateTimeOffset ModeratedAt { get; private set; }
}
