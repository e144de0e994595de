using Audit.Domain.Grading;
using Audit.Domain.Templates;

namespace Audit.Domain.Audits;

/// <summary>
/// What a grader has entered so far, kept until they submit, so that a phone that locks or a lost connection loses
/// nothing. Partial by design: any subset of the criteria, a grade or evidence or both, an overall grade or not. Only
/// an assigned grader who has not yet submitted in that role may keep one; submitting discards it.
/// </summary>
public sealed class GradingDraft
{
    private readonly List<DraftGrade> _grades = [];

    private GradingDraft()
    {
    }

    public Guid Id { get; private set; }
    public Guid AuditId { get; private set; }
    public string Grader { get; private set; } = "";
    public GraderRole Role { get; private set; }
    public Grade? Overall { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token: of two saves of the same draft at once (two tabs, two devices), the second is refused.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<DraftGrade> Grades => _grades;

    /// <summary>A new, empty draft for a grader assigned to the audit in <paramref name="role"/> who has not yet submitted in it.</summary>
    public static GradingDraft Start(CaseFileAudit audit, string grader, GraderRole role)
    {
        EnsureMayDraft(audit, grader, role);
        return new GradingDraft { Id = Guid.CreateVersion7(), AuditId = audit.Id, Grader = grader, Role = role };
    }

    /// <summary>
    /// Replaces what the draft holds with <paramref name="grades"/> and <paramref name="overall"/>. Entries with neither a
    /// grade nor evidence are dropped; blank evidence is kept as none. Refused once the grader has submitted in this role.
    /// </summary>
    public void Record(CaseFileAudit audit, Template template, IReadOnlyList<DraftEntry> grades, Grade? overall, DateTimeOffset at)
    {
        if (audit.Id != AuditId)
        {
            throw new ArgumentException("A draft is saved against its own audit.", nameof(audit));
        }

        if (template.Id != audit.TemplateId)
        {
            throw new ArgumentException("A draft is checked against its audit's template.", nameof(template));
        }

        EnsureMayDraft(audit, Grader, Role);
        if (overall is { } given && !given.IsDefined())
        {
            throw new DomainRuleException($"'{given}' is not a grade.", "overall");
        }

        for (var i = 0; i < grades.Count; i++)
        {
            var entry = grades[i];
            if (!template.HasCriterion(entry.CriterionId))
            {
                throw new DomainRuleException($"Criterion {entry.CriterionId} is not part of this audit's template.", $"grades[{i}].criterionId");
            }

            if (grades.Take(i).Any(g => g.CriterionId == entry.CriterionId))
            {
                throw new DomainRuleException("Each criterion appears once in a draft.", $"grades[{i}].criterionId");
            }

            if (entry.Grade is { } grade && !grade.IsDefined())
            {
                throw new DomainRuleException($"'{grade}' is not a grade.", $"grades[{i}].grade");
            }

            if (entry.Evidence?.Trim().Length > CaseFileAudit.MaxTextLength)
            {
                throw new DomainRuleException($"The evidence is at most {CaseFileAudit.MaxTextLength} characters.", $"grades[{i}].evidence");
            }
        }

        var kept = grades
            .Select(g => (g.CriterionId, g.Grade, Evidence: string.IsNullOrWhiteSpace(g.Evidence) ? null : g.Evidence.Trim()))
            .Where(g => g.Grade is not null || g.Evidence is not null)
            .ToList();
        _grades.RemoveAll(existing => kept.All(k => k.CriterionId != existing.CriterionId));
        foreach (var (criterionId, grade, evidence) in kept)
        {
            if (_grades.Find(g => g.CriterionId == criterionId) is { } existing)
            {
                existing.Change(grade, evidence);
            }
            else
            {
                _grades.Add(new DraftGrade(Id, criterionId, grade, evidence));
            }
        }

        Overall = overall;
        UpdatedAt = at;
        Version++;
    }

    /// <summary>The draft's grade and evidence for one criterion, if it holds any.</summary>
    public DraftGrade? For(Guid criterionId) => _grades.Find(g => g.CriterionId == criterionId);

    private static void EnsureMayDraft(CaseFileAudit audit, string grader, GraderRole role)
    {
        if (!audit.Assignments.Contains(new Assignment(grader, role)))
        {
            throw new DomainRuleException($"{grader} is not assigned to grade this audit as {role}.");
        }

        if (audit.HasGraded(grader, role))
        {
            throw new DomainConflictException("Your grading for this audit has been submitted, so there is no draft to save any more.");
        }
    }
}
