namespace Audit.Api.Persistence;

/// <summary>Someone looked at a case file: who, when, through which audit and which view. Families and inspectors ask.</summary>
public sealed class AccessRecord
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string UserName { get; init; }
    public required Guid CaseFileId { get; init; }
    public Guid? AuditId { get; init; }
    public required string View { get; init; }
}

public static class AccessViews
{
    public const string Audit = "audit";
    public const string AuditList = "audit list";
    public const string CaseFileList = "case-file list";
    public const string YoungAssessorPreview = "young assessor preview";
    public const string GradingDraft = "grading draft";
    public const string ModerationQueue = "moderation queue";
    public const string Moderation = "moderation";
    public const string SubjectAccessExport = "subject access export";
}
