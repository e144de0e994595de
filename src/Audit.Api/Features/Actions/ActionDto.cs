using Audit.Domain.Actions;
using Audit.Domain.Grading;

namespace Audit.Api.Features.Actions;

public sealed record ActionDto(
    Guid Id,
    Guid AuditId,
    Guid CriterionId,
    string Criterion,
    Grade FinalGrade,
    Guid TeamId,
    string TeamName,
    string Assignee,
    DateOnly DueOn,
    ActionStatus Status,
    bool Overdue,
    DateTimeOffset RaisedAt,
    string? WhatChanged,
    DateTimeOffset? ClosedAt,
    string? ClosedBy)
{
    /// <summary>Whether the caller may close this action now: answered by <c>GetAction</c> and <c>ListActions</c>, false elsewhere.</summary>
    public bool MayClose { get; init; }

    /// <summary>The allocated worker's reflection on the grade that raised this action: answered by <c>GetAction</c>, null elsewhere.</summary>
    public Practice.ReflectionDto? WorkerReflection { get; init; }
}

public static class ActionMapping
{
    public static ActionDto ToDto(this FollowUpAction a, string criterion, string teamName, DateOnly today) => new(
        a.Id, a.AuditId, a.CriterionId, criterion, a.FinalGrade, a.TeamId, teamName, a.Assignee, a.DueOn, a.Status,
        a.IsOverdue(today), a.RaisedAt, a.WhatChanged, a.ClosedAt, a.ClosedBy);
}
