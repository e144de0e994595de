using Audit.Domain.Grading;

namespace Audit.Domain.Audits;

/// <summary>A criterion's grade and evidence as a draft save carries them; either may be missing.</summary>
public sealed record DraftEntry(Guid CriterionId, Grade? Grade, string? Evidence);
