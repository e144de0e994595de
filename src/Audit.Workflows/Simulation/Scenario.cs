using Audit.Domain.Grading;

namespace Audit.Workflows.Simulation;

/// <summary>
/// What happens to one imagined audit: the graders' gradings in the order they are submitted, the moderator's grades
/// if the audit waits for moderation, how many follow-up actions the team manager closes, and whether the PSW cancels.
/// Every event happens on the day the audit starts; timers then fire on their own days while the audit waits.
/// </summary>
/// <param name="Gradings">Each grader's grading, in submission order; every grading grades every criterion.</param>
/// <param name="Moderation">The moderator's changes, used when the audit waits for moderation; none confirms the grades.</param>
/// <param name="CloseActions">How many of the raised follow-up actions the team manager closes, one at a time; null closes all.</param>
/// <param name="CancelIn">The state in which the PSW cancels the audit, as soon as it is there; null never cancels.</param>
/// <param name="Target">The template's target grade: a grade that counts below it raises a follow-up action.</param>
/// <param name="RoundDueInDays">Days from the start to the round's due date, for timers counted from it.</param>
public sealed record Scenario(
    IReadOnlyList<ScenarioGrading> Gradings,
    ScenarioModeration? Moderation = null,
    int? CloseActions = null,
    string? CancelIn = null,
    Grade Target = Grade.Good,
    int RoundDueInDays = Scenario.DefaultRoundDueInDays)
{
    public const int DefaultRoundDueInDays = 28;

    /// <summary>How many criteria the imagined template has: as many as the gradings grade.</summary>
    public int CriterionCount =>
        Gradings.SelectMany(g => g.Grades.Keys)
            .Concat(Moderation?.Grades.Keys ?? [])
            .DefaultIfEmpty(0)
            .Max() + 1;
}

/// <summary>One grader's grading: a grade for each criterion position (0 for the first criterion) and an overall grade.</summary>
public sealed record ScenarioGrading(GraderRole Role, IReadOnlyDictionary<int, Grade> Grades, Grade Overall);

/// <summary>The moderator's grade for the criteria they change, by position, and optionally a new overall grade.</summary>
public sealed record ScenarioModeration(IReadOnlyDictionary<int, Grade> Grades, Grade? Overall = null);
