using System.Text.Json.Serialization;
using Audit.Api.Features.Actions;
using Audit.Api.Features.CaseFiles;
using Audit.Api.Features.Templates;
using Audit.Domain.CaseFiles;
using Audit.Domain.Grading;
using Audit.Domain.Teams;

namespace Audit.Api.Features.Audits;

public sealed record WorkflowRef(string Name, int Version);

public sealed record AssignmentView(string UserName, GraderRole Role);

public sealed record CriterionGradeView(Guid CriterionId, Grade Grade, string Evidence);

public sealed record GradingView(string Grader, GraderRole Role, Grade Overall, DateTimeOffset SubmittedAt, IReadOnlyList<CriterionGradeView> Grades);

public sealed record ModerationView(Guid CriterionId, Grade Grade, string Reason, string Moderator, DateTimeOffset ModeratedAt);

public sealed record FinalGradeView(Guid CriterionId, Grade Grade, bool Moderated, bool MeetsTarget);

public sealed record ConcernView(Guid Id, string RaisedBy, string Description, DateTimeOffset RaisedAt);

public sealed record HistoryView(DateTimeOffset At, string By, string Trigger, string FromState, string ToState, string Detail);

public sealed record AuditView(
    Guid Id,
    string State,
    WorkflowRef Workflow,
    Guid RoundId,
    CaseFileDto CaseFile,
    IReadOnlyList<AssignmentView> Assignments,
    IReadOnlyList<CriterionDto> Criteria,
    TargetDto Target,
    IReadOnlyList<GradingView> Gradings,
    IReadOnlyList<ModerationView> Moderation,
    IReadOnlyList<FinalGradeView> FinalGrades,
    Grade? FinalOverall,
    IReadOnlyList<ActionDto> Actions,
    IReadOnlyList<ConcernView> Concerns,
    IReadOnlyList<string> PermittedTriggers,
    bool MayEditExtract,
    IReadOnlyList<HistoryView> History,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);
