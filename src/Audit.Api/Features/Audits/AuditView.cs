using System.Text.Json.Serialization;
using Audit.Api.Features.Actions;
using Audit.Api.Features.Templates;
using Audit.Domain.CaseFiles;
using Audit.Domain.Grading;
using Audit.Domain.Teams;

namespace Audit.Api.Features.Audits;

public sealed record WorkflowRef(string Name, int Version);

/// <summary>
/// The case file inside an audit. For a young assessor the reference and the worker's name are left out
/// altogether, not sent as null.
/// </summary>
public sealed record CaseFileView(
    Guid Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reference,
    Guid TeamId,
    ServiceArea ServiceArea,
    Stage Stage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Worker,
    ChildAgeBand ChildAgeBand,
    string? RedactedExtract);

public sealed record AssignmentView(string UserName, GraderRole Role);

public sealed record CriterionGradeView(Guid CriterionId, Grade Grade, string Evidence);

public sealed record GradingView(string Grader, GraderRole Role, Grade Overall, DateTimeOffset SubmittedAt, IReadOnlyList<CriterionGradeView> Grades);

public sealed record ModerationView(Guid CriterionId, Grade Grade, string Reason, string Moderator, DateTimeOffset ModeratedAt);

public sealed record FinalGradeView(Guid CriterionId, Grade Grade, bool Moderated, bool MeetsTarget);

public sealed record HistoryView(DateTimeOffset At, string By, string Trigger, string FromState, string ToState, string Detail);

public sealed record AuditView(
    Guid Id,
    string State,
    WorkflowRef Workflow,
    Guid RoundId,
    CaseFileView CaseFile,
    IReadOnlyList<AssignmentView> Assignments,
    IReadOnlyList<CriterionDto> Criteria,
    TargetDto Target,
    IReadOnlyList<GradingView> Gradings,
    IReadOnlyList<ModerationView> Moderation,
    IReadOnlyList<FinalGradeView> FinalGrades,
    Grade? FinalOverall,
    IReadOnlyList<ActionDto> Actions,
    IReadOnlyList<string> PermittedTriggers,
    IReadOnlyList<HistoryView> History,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);
