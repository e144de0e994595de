using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

public sealed class CaseFileAuditGradingTests
{
    private readonly Domain.Templates.Template _template = A.Template();

    [Fact]
    public void StartingWritesTheFirstHistoryLine()
    {
        var audit = A.Audit(_template);

        audit.State.ShouldBe("Grading");
        var start = audit.History.ShouldHaveSingleItem();
        start.Trigger.ShouldBe(CaseFileAudit.StartTrigger);
        start.FromState.ShouldBe("");
        start.ToState.ShouldBe("Grading");
        start.By.ShouldBe("ada.winslow");
    }

    [Fact]
    public void StartingRefusesAnAuditWithoutTheYoungAssessorTheTemplateAsksFor()
    {
        var error = Should.Throw<DomainRuleException>(() => CaseFileAudit.Start(
            Guid.NewGuid(), Guid.NewGuid(), _template, A.CaseFile(), new WorkflowPin("case-file-audit", 1, "h"), "Grading",
            [new Assignment("ivan.quill", GraderRole.Auditor)], "ada.winslow", A.Now));

        error.Field.ShouldBe("youngAssessor");
    }

    [Fact]
    public void RecordsAGradingFromAnAssignedGrader()
    {
        var audit = A.Audit(_template);

        audit.RecordGrading(_template, "ivan.quill", GraderRole.Auditor, A.Grades(_template, Grade.Good), Grade.Good, A.Now);

        var grading = audit.Gradings.ShouldHaveSingleItem();
        grading.Grades.Count.ShouldBe(3);
        audit.HasGraded("ivan.quill", GraderRole.Auditor).ShouldBeTrue();
        audit.AllGradingsIn(_template).ShouldBeFalse();
    }

    [Fact]
    public void AllGradingsAreInWhenEveryRequiredGraderHasSubmitted()
    {
        var audit = A.Audit(_template);

        audit.RecordGrading(_template, "jay.assessor", GraderRole.YoungAssessor, A.Grades(_template, Grade.Good), Grade.Good, A.Now);
        audit.AllGradingsIn(_template).ShouldBeFalse();
        audit.RecordGrading(_template, "ivan.quill", GraderRole.Auditor, A.Grades(_template, Grade.Outstanding), Grade.Outstanding, A.Now);

        audit.AllGradingsIn(_template).ShouldBeTrue();
        audit.GradesByCriterion(_template).ShouldAllBe(grades => grades.Count == 2);
    }

    [Fact]
    public void RefusesAGraderWhoIsNotAssigned()
    {
        var audit = A.Audit(_template);

        Should.Throw<DomainRuleException>(() =>
            audit.RecordGrading(_template, "rhea.bramble", GraderRole.Auditor, A.Grades(_template, Grade.Good), Grade.Good, A.Now));
        audit.Gradings.ShouldBeEmpty();
    }

    [Fact]
    public void RefusesASecondGradingFromTheSameGrader()
    {
        var audit = A.Audit(_template);
        audit.RecordGrading(_template, "ivan.quill", GraderRole.Auditor, A.Grades(_template, Grade.Good), Grade.Good, A.Now);

        Should.Throw<DomainConflictException>(() =>
            audit.RecordGrading(_template, "ivan.quill", GraderRole.Auditor, A.Grades(_template, Grade.Inadequate), Grade.Inadequate, A.Now));
        audit.Gradings.ShouldHaveSingleItem().Overall.ShouldBe(Grade.Good);
    }

    [Fact]
    public void RejectsAGradingThatLeavesACriterionOut()
    {
        var audit = A.Audit(_template);

        var error = Should.Throw<DomainRuleException>(() =>
            audit.RecordGrading(_template, "ivan.quill", GraderRole.Auditor, A.Grades(_template, Grade.Good).Take(2).ToList(), Grade.Good, A.Now));

        error.Field.ShouldBe("grades");
        error.Message.ShouldContain("Principle 3");
    }

    [Fact]
    public void RejectsACriterionFromAnotherTemplate()
    {
        var audit = A.Audit(_template);
        var grades = A.Grades(_template, Grade.Good).ToList();
        grades[1] = grades[1] with { CriterionId = Guid.NewGuid() };

        Should.Throw<DomainRuleException>(() => audit.RecordGrading(_template, "ivan.quill", GraderRole.Auditor, grades, Grade.Good, A.Now))
            .Field.ShouldBe("grades[1].criterionId");
    }

    [Fact]
    public void RejectsTheSameCriterionGradedTwice()
    {
        var audit = A.Audit(_template);
        var grades = A.Grades(_template, Grade.Good).ToList();
        grades[2] = grades[2] with { CriterionId = grades[0].CriterionId };

        Should.Throw<DomainRuleException>(() => audit.RecordGrading(_template, "ivan.quill", GraderRole.Auditor, grades, Grade.Good, A.Now))
            .Field.ShouldBe("grades[2].criterionId");
    }

    [Fact]
    public void RejectsAGradeWithoutEvidence()
    {
        var audit = A.Audit(_template);
        var grades = A.Grades(_template, Grade.Good).ToList();
        grades[0] = grades[0] with { Text = "  " };

        Should.Throw<DomainRuleException>(() => audit.RecordGrading(_template, "ivan.quill", GraderRole.Auditor, grades, Grade.Good, A.Now))
            .Field.ShouldBe("grades[0].evidence");
    }

    [Fact]
    public void RejectsAGradeThatIsNotOnTheScale()
    {
        var audit = A.Audit(_template);

        Should.Throw<DomainRuleException>(() =>
            audit.RecordGrading(_template, "ivan.quill", GraderRole.Auditor, A.Grades(_template, (Grade)7), Grade.Good, A.Now))
            .Field.ShouldBe("grades[0].grade");
    }

    [Fact]
    public void RecordTransitionMovesTheStateAppendsHistoryAndBumpsTheVersion()
    {
        var audit = A.Audit(_template);
        var version = audit.Version;

        audit.RecordTransition("ivan.quill", "submitGrading", "Grading", "Moderation", "detail", A.Now);

        audit.State.ShouldBe("Moderation");
        audit.Version.ShouldBe(version + 1);
        audit.History[^1].ToState.ShouldBe("Moderation");
        Should.Throw<InvalidOperationException>(() => audit.RecordTransition("x", "t", "Grading", "Completed", "", A.Now));
    }
}
