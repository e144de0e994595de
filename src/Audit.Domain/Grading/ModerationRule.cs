namespace Audit.Domain.Grading;

/// <summary>Why a criterion needs moderation: a grade at or below the forcing grade, or graders too far apart.</summary>
public enum ModerationReasonKind
{
    /// <summary>A grader gave the forcing grade (Inadequate) or lower.</summary>
    ForcingGrade = 1,

    /// <summary>Two graders are <see cref="ModerationRule.PointsApart"/> or more points apart.</summary>
    PointsApart = 2,
}

/// <param name="Criterion">The criterion's position in the template, from 0.</param>
/// <param name="Grade">For <see cref="ModerationReasonKind.ForcingGrade"/>, the lowest grade given.</param>
/// <param name="Points">For <see cref="ModerationReasonKind.PointsApart"/>, how many points apart the graders are.</param>
public sealed record ModerationReason(int Criterion, ModerationReasonKind Kind, Grade? Grade, int? Points);

/// <summary>
/// When an audit goes to moderation: some grade is at or below <paramref name="ForcingGrade"/>, or two graders are
/// <paramref name="PointsApart"/> or more points apart on a criterion. The one rule: the workflow's
/// <c>needsModeration</c> guard decides with it, and the moderation queue gives its reasons.
/// </summary>
public sealed record ModerationRule(Grade ForcingGrade, int PointsApart)
{
    /// <summary>Every reason the graders' grades (criterion by criterion, in template order) need moderation; none when they do not.</summary>
    public IReadOnlyList<ModerationReason> ReasonsFor(IReadOnlyList<IReadOnlyList<Grade>> gradesByCriterion)
    {
        var reasons = new List<ModerationReason>();
        for (var criterion = 0; criterion < gradesByCriterion.Count; criterion++)
        {
            var grades = gradesByCriterion[criterion];
            if (grades.Count == 0)
            {
                continue;
            }

            var lowest = grades.Min();
            if (lowest.Points() <= ForcingGrade.Points())
            {
                reasons.Add(new ModerationReason(criterion, ModerationReasonKind.ForcingGrade, lowest, null));
            }

            var apart = grades.Max().PointsApart(lowest);
            if (grades.Count > 1 && apart >= PointsApart)
            {
                reasons.Add(new ModerationReason(criterion, ModerationReasonKind.PointsApart, null, apart));
            }
        }

        return reasons;
    }

    public bool Needed(IReadOnlyList<IReadOnlyList<Grade>> gradesByCriterion) => ReasonsFor(gradesByCriterion).Count > 0;
}
