using Audit.Domain.Templates;

namespace Audit.Domain.Audits;

/// <summary>
/// The allocated worker's reflection on one final grade of an audit of their case file: the staff voice beside the
/// graders'. The team manager reads it with the follow-up action on the same criterion.
/// </summary>
public sealed class Reflection
{
    public const int MaxTextLength = 4000;
    public const string Trigger = "reflect";

    private Reflection()
    {
    }

    public Guid Id { get; private set; }
    public Guid AuditId { get; private set; }
    public Guid CriterionId { get; private set; }
    public string WrittenBy { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset WrittenAt { get; private set; }
    public DateTimeOffset? RevisedAt { get; private set; }

    /// <summary>
    /// Writes the worker's first reflection on a final grade, or revises it (<paramref name="existing"/>), and records
    /// it in the audit's history without its words, which stay with the reflection.
    /// </summary>
    public static Reflection Write(CaseFileAudit audit, Reflection? existing, Criterion criterion, string by, string text, DateTimeOffset at)
    {
        if (audit.FinalisedAt is null || audit.FinalGrades.All(g => g.CriterionId != criterion.Id))
        {
            throw new DomainConflictException("There is no final grade to reflect on yet: the audit's grades are not final.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainRuleException("Write your reflection.", "text");
        }

        if (text.Trim().Length > MaxTextLength)
        {
            throw new DomainRuleException($"A reflection is at most {MaxTextLength} characters.", "text");
        }

        var reflection = existing ?? new Reflection { Id = Guid.CreateVersion7(), AuditId = audit.Id, CriterionId = criterion.Id, WrittenBy = by, WrittenAt = at };
        if (existing is not null)
        {
            reflection.RevisedAt = at;
        }

        reflection.Text = text.Trim();
        audit.RecordTransition(by, Trigger, audit.State, audit.State, $"The allocated worker {(existing is null ? "added" : "revised")} a reflection on criterion {criterion.Position + 1}.", at);
        return reflection;
    }
}
