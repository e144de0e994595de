using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

public sealed class CaseFileAuditGradingsInTests
{
    [Fact]
    public void AreNotInBeforeAnyoneHasGraded()
    {
        var template = new TemplateBuilder().Build();

        new AuditBuilder().For(template).Build().AllGradingsIn(template).ShouldBeFalse();
    }

    [Fact]
    public void AreNotInWhileTheYoungAssessorTheTemplateAsksForHasNotGraded()
    {
        var template = new TemplateBuilder().Build();

        var audit = new AuditBuilder().For(template).GradedByTheAuditor(Grade.Good).Build();

        audit.AllGradingsIn(template).ShouldBeFalse();
    }

    [Fact]
    public void AreNotInWhileTheAuditorHasNotGraded()
    {
        var template = new TemplateBuilder().Build();

        var audit = new AuditBuilder().For(template).GradedByTheYoungAssessor(Grade.Good).Build();

        audit.AllGradingsIn(template).ShouldBeFalse();
    }

    [Fact]
    public void AreInOnceEveryRequiredGraderHasSubmitted()
    {
        var template = new TemplateBuilder().Build();

        var audit = new AuditBuilder().For(template).GradedByTheYoungAssessor(Grade.Good).GradedByTheAuditor(Grade.Good).Build();

        audit.AllGradingsIn(template).ShouldBeTrue();
    }

    [Fact]
    public void AreInOnceTheAuditorHasGradedWhenTheTemplateAsksForNoOneElse()
    {
        var template = new TemplateBuilder().GradedByAnAuditorOnly().Build();

        var audit = new AuditBuilder().For(template).GradedByTheAuditor(Grade.Good).Build();

        audit.AllGradingsIn(template).ShouldBeTrue();
    }

    [Fact]
    public void WaitForEveryAssignedAuditor()
    {
        var template = new TemplateBuilder().GradedByAnAuditorOnly().Build();
        var audit = new AuditBuilder()
            .For(template)
            .AssignedTo(new Assignment(People.Auditor, GraderRole.Auditor), new Assignment(People.SecondAuditor, GraderRole.Auditor))
            .GradedByTheAuditor(Grade.Good)
            .Build();

        audit.AllGradingsIn(template).ShouldBeFalse();
        audit.RecordGrading(template, People.SecondAuditor, GraderRole.Auditor, GradesBuilder.For(template).Build(), Grade.Good, TestData.Now);
        audit.AllGradingsIn(template).ShouldBeTrue();
    }

    [Fact]
    public void ListEveryGradersGradeCriterionByCriterionInTemplateOrder()
    {
        var template = new TemplateBuilder().Build();
        var audit = new AuditBuilder()
            .For(template)
            .GradedByTheAuditor(Grade.Good, Grade.Good, (1, Grade.RequiresImprovement), (2, Grade.Inadequate))
            .GradedByTheYoungAssessor(Grade.Good, Grade.Good, (0, Grade.Outstanding))
            .Build();

        var grades = audit.GradesByCriterion(template);

        grades.Count.ShouldBe(3);
        grades[0].ShouldBe([Grade.Good, Grade.Outstanding]);
        grades[1].ShouldBe([Grade.RequiresImprovement, Grade.Good]);
        grades[2].ShouldBe([Grade.Inadequate, Grade.Good]);
    }

    [Fact]
    public void ListAnEmptyEntryForEachCriterionBeforeAnyoneHasGraded()
    {
        var template = new TemplateBuilder().Build();

        var grades = new AuditBuilder().For(template).Build().GradesByCriterion(template);

        grades.Count.ShouldBe(3);
        grades.ShouldAllBe(g => g.Count == 0);
    }
}
