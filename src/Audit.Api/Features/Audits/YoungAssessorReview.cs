using Audit.Api.Features.Templates;
using Audit.Domain.CaseFiles;
using Audit.Domain.Grading;
using Audit.Domain.Teams;

namespace Audit.Api.Features.Audits;

/// <summary>
/// An audit as its young assessor sees it (/api/reviews), in shapes of its own rather than the staff's with fields
/// left out: only what grading needs. The case file without its reference, team or worker; the criteria as questions
/// in their plain words; their own grading and concerns alone; no moderation, actions, history or anyone's name.
/// Made from the minimised <see cref="AuditView"/> the same rules give a young assessor.
/// </summary>
public sealed record YoungAssessorReview(
    Guid Id,
    string State,
    ReviewCaseFile CaseFile,
    IReadOnlyList<ReviewCriterion> Criteria,
    TargetDto Target,
    ReviewGrading? MyGrading,
    IReadOnlyList<FinalGradeView> FinalGrades,
    IReadOnlyList<ReviewConcern> Concerns,
    IReadOnlyList<string> PermittedTriggers,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static YoungAssessorReview Of(AuditView view)
    {
        var mine = view.Gradings.FirstOrDefault(g => g.Role == GraderRole.YoungAssessor);
        var caseFile = view.CaseFile;
        return new YoungAssessorReview(
            view.Id,
            view.State,
            new ReviewCaseFile(caseFile.Id, caseFile.ServiceArea, caseFile.Stage, caseFile.ChildAgeBand, caseFile.RedactedExtract, caseFile.ExtractCleared),
            view.Criteria.Select(c => new ReviewCriterion(c.Id, c.Position, c.PlainWords ?? c.Title)).ToList(),
            view.Target,
            mine is null ? null : new ReviewGrading(mine.Overall, mine.SubmittedAt, mine.Grades),
            view.FinalGrades,
            view.Concerns.Select(c => new ReviewConcern(c.Id, c.Description, c.RaisedAt)).ToList(),
            view.PermittedTriggers,
            view.CreatedAt,
            view.CompletedAt);
    }
}

/// <summary>The case file as a young assessor reads it: what kind of case it is, and the extract once it is cleared.</summary>
public sealed record ReviewCaseFile(Guid Id, ServiceArea ServiceArea, Stage Stage, ChildAgeBand ChildAgeBand, string? RedactedExtract, bool ExtractCleared);

/// <summary>One criterion, asked as the question the young assessor answers (its plain words, or its title).</summary>
public sealed record ReviewCriterion(Guid Id, int Position, string Question);

/// <summary>The young assessor's own grading, once submitted.</summary>
public sealed record ReviewGrading(Grade Overall, DateTimeOffset SubmittedAt, IReadOnlyList<CriterionGradeView> Grades);

/// <summary>A concern the young assessor raised about the child's safety.</summary>
public sealed record ReviewConcern(Guid Id, string Description, DateTimeOffset RaisedAt);
