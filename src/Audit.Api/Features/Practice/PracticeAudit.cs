using Audit.Domain.Grading;

namespace Audit.Api.Features.Practice;

/// <summary>An audit of a case file the caller holds, as its worker reads it: the final grades and their reflections.</summary>
public sealed record PracticeAudit(
    Guid AuditId,
    string CaseFileReference,
    string Template,
    Grade TargetGrade,
    DateTimeOffset FinalisedAt,
    Grade? Overall,
    IReadOnlyList<PracticeGrade> Grades);

public sealed record PracticeGrade(Guid CriterionId, int Position, string Criterion, Grade Grade, bool MeetsTarget, bool Moderated, ReflectionDto? Reflection);

/// <summary>One line of the worker's list: an audit of their case file and how many of its grades they have reflected on.</summary>
public sealed record PracticeAuditSummary(
    Guid AuditId,
    string CaseFileReference,
    string Template,
    DateTimeOffset FinalisedAt,
    Grade? Overall,
    int Criteria,
    int MeetingTarget,
    int Reflections);

/// <summary>The worker's reflection on a final grade, as the worker and the team manager read it.</summary>
public sealed record ReflectionDto(string Text, DateTimeOffset WrittenAt, DateTimeOffset? RevisedAt);
