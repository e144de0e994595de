using Audit.Domain.Grading;

namespace Audit.Domain.Audits;

/// <summary>A grader given an audit to grade, in one grader role.</summary>
public sealed record Assignment(string UserName, GraderRole Role);
