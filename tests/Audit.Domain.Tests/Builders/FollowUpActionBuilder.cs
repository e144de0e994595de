using Audit.Domain.Actions;
using Audit.Domain.Grading;

namespace Audit.Domain.Tests.Builders;

/// <summary>An open action for the team manager, raised on 2 November 2026 and due on 30 November 2026.</summary>
public sealed class FollowUpActionBuilder
{
    public static readonly DateOnly DefaultDueOn = new(2026, 11, 30);

    private DateOnly _dueOn = DefaultDueOn;
    private Grade _finalGrade = Grade.RequiresImprovement;

    public FollowUpActionBuilder DueOn(DateOnly dueOn)
    {
        _dueOn = dueOn;
        return this;
    }

    public FollowUpActionBuilder ForAFinalGradeOf(Grade grade)
    {
        _finalGrade = grade;
        return this;
    }

    public FollowUpAction Build() =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), _finalGrade, Guid.NewGuid(), People.TeamManager, _dueOn, TestData.Now);
}
