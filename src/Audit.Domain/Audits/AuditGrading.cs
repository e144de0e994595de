using Audit.Domain.Grading;

namespace Audit.Domain.Audits;

/// <summary>One grader's judgement of a case file: a grade and evidence per criterion, and an overall grade.</summary>
public sealed class AuditGrading
{
    private readonly List<CriterionGrade> _grades = [];

    private AuditGrading()
    {
    }

    internal AuditGrading(Guid id, string grader, GraderRole role, IEnumerable<CriterionGrade> grades, Grade overall, DateTimeOffset at)
    {
        Id = id;
        Grader = grader;
        Role = role;
        _grades.AddRange(grades);
        Overall = overall;
        SubmittedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid AuditId { get; private set; }
    public string Grader { get; private set; } = "";
    public GraderRole Role { get; private set; }
    public Grade Overall { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public IReadOnlyList<CriterionGrade> Grades => _grades;

    public Grade? GradeFor(Guid criterionId) => _grades.FirstOrDefault(g => g.CriterionId == criterionId)?.Grade;
}
