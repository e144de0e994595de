using Audit.Domain.Grading;

namespace Audit.Domain.Audits;

/// <summary>A grade for one criterion as a grader or moderator gives it; <see cref="Text"/> is the evidence or the reason.</summary>
public sealed record GradeEntry(Guid CriterionId, Grade Grade, string Text);
