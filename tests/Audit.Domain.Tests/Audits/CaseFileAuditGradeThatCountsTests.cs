using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

public sealed class CaseFileAuditGradeThatCountsTests
{
    private readonly Template _template = new TemplateBuilder().Build();

    private Guid Criterion(int index) => _template.Criteria[index].Id;

    private void Moderate(CaseFileAudit audit, int criterion, Grade grade) =>
        audit.RecordModeration(_template, People.PrincipalSocialWorker, [new GradeEntry(Criterion(criterion), grade, "Read the whole record again.")], null, TestData.Now);

    [Fact]
    public void IsNothingBeforeAnyoneHasGraded() =>
        new AuditBuilder().For(_template).Build().GradeThatCounts(Criterion(0)).ShouldBeNull();

    [Fact]
    public void IsTheYoungAssessorsWhileTheyAloneHaveGraded()
    {
        var audit = new AuditBuilder().For(_template).GradedByTheYoungAssessor(Grade.Outstanding).Build();

        audit.GradeThatCounts(Criterion(0)).ShouldBe(Grade.Outstanding);
    }

    [Fact]
    public void IsTheAuditorsOverTheYoungAssessors()
    {
        var audit = new AuditBuilder().For(_template)
            .GradedByTheYoungAssessor(Grade.Outstanding)
            .GradedByTheAuditor(Grade.RequiresImprovement)
            .Build();

        audit.GradeThatCounts(Criterion(0)).ShouldBe(Grade.RequiresImprovement);
    }

    [Fact]
    public void IsTheModeratorsOverTheAuditorsForTheCriteriaTheyModerated()
    {
        var audit = new AuditBuilder().For(_template)
            .GradedByTheAuditor(Grade.Good, Grade.Good, (1, Grade.Inadequate))
            .GradedByTheYoungAssessor(Grade.Outstanding)
            .Build();

        Moderate(audit, 1, Grade.RequiresImprovement);

        audit.GradeThatCounts(Criterion(1)).ShouldBe(Grade.RequiresImprovement);
        audit.GradeThatCounts(Criterion(0)).ShouldBe(Grade.Good);
        audit.GradeThatCounts(Criterion(2)).ShouldBe(Grade.Good);
    }

    [Fact]
    public void IsNothingForACriterionOutsideTheTemplate()
    {
        var audit = new AuditBuilder().For(_template).GradedByTheAuditor(Grade.Good).Build();

        audit.GradeThatCounts(Guid.NewGuid()).ShouldBeNull();
    }

    [Fact]
    public void NoGradeIsBelowTargetBeforeAnyoneHasGraded() =>
        new AuditBuilder().For(_template).Build().AnyGradeBelowTarget(_template).ShouldBeFalse();

    [Fact]
    public void AnAuditorsGradeBelowTargetCountsEvenWhenTheYoungAssessorGradedHigher()
    {
        var audit = new AuditBuilder().For(_template)
            .GradedByTheAuditor(Grade.Good, Grade.Good, (2, Grade.RequiresImprovement))
            .GradedByTheYoungAssessor(Grade.Outstanding)
            .Build();

        audit.AnyGradeBelowTarget(_template).ShouldBeTrue();
    }

    [Fact]
    public void AYoungAssessorsLowGradeDoesNotCountOverTheAuditorsGrade()
    {
        var audit = new AuditBuilder().For(_template)
            .GradedByTheAuditor(Grade.Good)
            .GradedByTheYoungAssessor(Grade.Inadequate)
            .Build();

        audit.AnyGradeBelowTarget(_template).ShouldBeFalse();
    }

    [Fact]
    public void NoGradeIsBelowTargetOnceTheModeratorLiftsTheOnlyLowOne()
    {
        var audit = new AuditBuilder().For(_template).GradedByTheAuditor(Grade.Good, Grade.Good, (1, Grade.Inadequate)).Build();
        audit.AnyGradeBelowTarget(_template).ShouldBeTrue();

        Moderate(audit, 1, Grade.Good);

        audit.AnyGradeBelowTarget(_template).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Grade.RequiresImprovement, Grade.RequiresImprovement, false)]
    [InlineData(Grade.RequiresImprovement, Grade.Inadequate, true)]
    [InlineData(Grade.Outstanding, Grade.Good, true)]
    public void IsBelowTargetMeasuredAgainstTheTemplatesTargetGrade(Grade target, Grade given, bool below)
    {
        var template = new TemplateBuilder().WithTarget(target).Build();

        var audit = new AuditBuilder().For(template).GradedByTheAuditor(given).Build();

        audit.AnyGradeBelowTarget(template).ShouldBe(below);
    }
}
