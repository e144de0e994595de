using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

public sealed class CaseFileAuditOutcomeTests
{
    private readonly Domain.Templates.Template _template = A.Template();

    private CaseFileAudit Graded(Grade auditor, Grade youngAssessor, params (int Index, Grade Grade)[] auditorExcept)
    {
        var audit = A.Audit(_template);
        audit.RecordGrading(_template, "ivan.quill", GraderRole.Auditor, A.Grades(_template, auditor, auditorExcept), auditor, A.Now);
        audit.RecordGrading(_template, "jay.assessor", GraderRole.YoungAssessor, A.Grades(_template, youngAssessor), youngAssessor, A.Now);
        return audit;
    }

    [Fact]
    public void TheAuditorsGradeCountsOverTheYoungAssessors()
    {
        var audit = Graded(Grade.RequiresImprovement, Grade.Outstanding);

        audit.GradeThatCounts(_template.Criteria[0].Id).ShouldBe(Grade.RequiresImprovement);
        audit.AnyGradeBelowTarget(_template).ShouldBeTrue();
    }

    [Fact]
    public void AModeratedGradeCountsOverTheAuditors()
    {
        var audit = Graded(Grade.Good, Grade.Good, (1, Grade.Inadequate));

        audit.RecordModeration(_template, "ada.winslow", [new GradeEntry(_template.Criteria[1].Id, Grade.Good, "Seen in the appendix.")], null, A.Now);

        audit.GradeThatCounts(_template.Criteria[1].Id).ShouldBe(Grade.Good);
        audit.AnyGradeBelowTarget(_template).ShouldBeFalse();
    }

    [Fact]
    public void ModerationIsRecordedOnceAndNeedsAReason()
    {
        var audit = Graded(Grade.Good, Grade.Inadequate);
        var criterion = _template.Criteria[0].Id;

        Should.Throw<DomainRuleException>(() => audit.RecordModeration(_template, "ada.winslow", [new GradeEntry(criterion, Grade.Good, "")], null, A.Now))
            .Field.ShouldBe("grades[0].reason");
        audit.RecordModeration(_template, "ada.winslow", [new GradeEntry(criterion, Grade.Good, "Confirmed.")], null, A.Now);
        Should.Throw<DomainConflictException>(() => audit.RecordModeration(_template, "ada.winslow", [new GradeEntry(criterion, Grade.Good, "Again.")], null, A.Now));
    }

    [Fact]
    public void FinalisingFixesTheGradesOnceAndMarksTheModeratedOnes()
    {
        var audit = Graded(Grade.Good, Grade.Good, (2, Grade.Inadequate));
        audit.RecordModeration(_template, "ada.winslow", [new GradeEntry(_template.Criteria[2].Id, Grade.RequiresImprovement, "Some evidence.")], Grade.RequiresImprovement, A.Now);

        audit.FinaliseGrades(_template);
        audit.FinaliseGrades(_template);

        audit.FinalGrades.Count.ShouldBe(3);
        audit.FinalGrades.Single(f => f.CriterionId == _template.Criteria[2].Id).ShouldSatisfyAllConditions(
            f => f.Grade.ShouldBe(Grade.RequiresImprovement),
            f => f.Moderated.ShouldBeTrue());
        audit.FinalGrades.Count(f => f.Moderated).ShouldBe(1);
        audit.FinalOverall.ShouldBe(Grade.RequiresImprovement);
    }

    [Fact]
    public void WithoutModerationTheAuditorsOverallGradeIsFinal()
    {
        var audit = Graded(Grade.Good, Grade.Outstanding);

        audit.FinaliseGrades(_template);

        audit.FinalOverall.ShouldBe(Grade.Good);
    }

    [Fact]
    public void RaisesOneActionPerCriterionBelowTargetForTheTeamManager()
    {
        var team = A.Team(manager: "nia.holt");
        var audit = A.Audit(_template, A.CaseFile(team));
        audit.RecordGrading(_template, "ivan.quill", GraderRole.Auditor, A.Grades(_template, Grade.Good, (0, Grade.RequiresImprovement), (2, Grade.Inadequate)), Grade.Good, A.Now);
        audit.FinaliseGrades(_template);

        var actions = audit.RaiseFollowUpActions(_template, team, new DateOnly(2026, 11, 30), A.Now);

        actions.Select(a => a.CriterionId).ShouldBe([_template.Criteria[0].Id, _template.Criteria[2].Id]);
        actions.ShouldAllBe(a => a.Assignee == "nia.holt" && a.TeamId == team.Id && a.DueOn == new DateOnly(2026, 11, 30) && a.IsOpen);
        actions.Select(a => a.FinalGrade).ShouldBe([Grade.RequiresImprovement, Grade.Inadequate]);
    }

    [Fact]
    public void RaisesNoActionWhenEveryFinalGradeMeetsTheTarget()
    {
        var team = A.Team();
        var audit = A.Audit(_template, A.CaseFile(team));
        audit.RecordGrading(_template, "ivan.quill", GraderRole.Auditor, A.Grades(_template, Grade.Good), Grade.Good, A.Now);
        audit.FinaliseGrades(_template);

        audit.RaiseFollowUpActions(_template, team, new DateOnly(2026, 11, 30), A.Now).ShouldBeEmpty();
    }

    [Fact]
    public void ActionsGoOnlyToTheCaseFilesOwnTeam()
    {
        var audit = A.Audit(_template);

        Should.Throw<ArgumentException>(() => audit.RaiseFollowUpActions(_template, A.Team(), new DateOnly(2026, 11, 30), A.Now));
    }
}
