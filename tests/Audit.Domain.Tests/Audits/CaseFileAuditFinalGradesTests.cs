using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using Audit.Domain.Templates;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

public sealed class CaseFileAuditFinalGradesTests
{
    private readonly Template _template = new TemplateBuilder().Build();

    private void Moderate(CaseFileAudit audit, int criterion, Grade grade, Grade? overall = null) =>
        audit.RecordModeration(
            _template, People.PrincipalSocialWorker, [new GradeEntry(_template.Criteria[criterion].Id, grade, "Read the whole record again.")], overall, TestData.Now);

    [Fact]
    public void FixOneGradePerCriterionFromTheGradesThatCount()
    {
        var caseFile = TestData.CaseFile(TestData.Team(serviceArea: ServiceArea.ChildrenLookedAfter));
        var audit = new AuditBuilder().For(_template).ForCaseFile(caseFile)
            .GradedByTheAuditor(Grade.Good, Grade.Good, (2, Grade.RequiresImprovement))
            .GradedByTheYoungAssessor(Grade.Inadequate)
            .Build();

        audit.FinaliseGrades(_template, DateTimeOffset.UnixEpoch);

        audit.FinalGrades.Select(f => f.CriterionId).ShouldBe(_template.Criteria.Select(c => c.Id));
        audit.FinalGrades.Select(f => f.Grade).ShouldBe([Grade.Good, Grade.Good, Grade.RequiresImprovement]);
        audit.FinalGrades.ShouldAllBe(f =>
            f.AuditId == audit.Id && f.TemplateId == _template.Id && f.ServiceArea == ServiceArea.ChildrenLookedAfter && !f.Moderated);
    }

    [Fact]
    public void MarkOnlyTheModeratedGradesAsModerated()
    {
        var audit = new AuditBuilder().For(_template)
            .GradedByTheAuditor(Grade.Good, Grade.Good, (1, Grade.Inadequate))
            .GradedByTheYoungAssessor(Grade.Good)
            .Build();
        Moderate(audit, 1, Grade.RequiresImprovement);

        audit.FinaliseGrades(_template, DateTimeOffset.UnixEpoch);

        audit.FinalGrades.Select(f => f.Moderated).ShouldBe([false, true, false]);
        audit.FinalGrades[1].Grade.ShouldBe(Grade.RequiresImprovement);
    }

    [Fact]
    public void MarkAConfirmedGradeAsModeratedToo()
    {
        var audit = new AuditBuilder().For(_template).GradedByTheAuditor(Grade.Good, Grade.Good, (0, Grade.Inadequate)).GradedByTheYoungAssessor(Grade.Good).Build();
        Moderate(audit, 0, Grade.Inadequate);

        audit.FinaliseGrades(_template, DateTimeOffset.UnixEpoch);

        audit.FinalGrades[0].ShouldSatisfyAllConditions(f => f.Grade.ShouldBe(Grade.Inadequate), f => f.Moderated.ShouldBeTrue());
    }

    [Fact]
    public void AreFixedOnlyOnce()
    {
        var audit = new AuditBuilder().For(_template).GradedByTheAuditor(Grade.Good).GradedByTheYoungAssessor(Grade.Good).Build();
        audit.FinaliseGrades(_template, DateTimeOffset.UnixEpoch);
        var first = audit.FinalGrades.ToList();

        audit.FinaliseGrades(_template, DateTimeOffset.UnixEpoch);

        audit.FinalGrades.Count.ShouldBe(3);
        audit.FinalGrades.Zip(first).ShouldAllBe(pair => ReferenceEquals(pair.First, pair.Second));
    }

    [Fact]
    public void TheOverallIsTheModeratorsWhenTheyGiveOne()
    {
        var audit = new AuditBuilder().For(_template)
            .GradedByTheAuditor(Grade.Good, overall: Grade.Good, (1, Grade.Inadequate))
            .GradedByTheYoungAssessor(Grade.Good, overall: Grade.Outstanding)
            .Build();
        Moderate(audit, 1, Grade.RequiresImprovement, overall: Grade.RequiresImprovement);

        audit.FinaliseGrades(_template, DateTimeOffset.UnixEpoch);

        audit.FinalOverall.ShouldBe(Grade.RequiresImprovement);
    }

    [Fact]
    public void TheOverallIsTheAuditorsWhenTheModeratorGivesNone()
    {
        var audit = new AuditBuilder().For(_template)
            .GradedByTheAuditor(Grade.Good, overall: Grade.Good, (1, Grade.Inadequate))
            .GradedByTheYoungAssessor(Grade.Good, overall: Grade.Outstanding)
            .Build();
        Moderate(audit, 1, Grade.RequiresImprovement);

        audit.FinaliseGrades(_template, DateTimeOffset.UnixEpoch);

        audit.FinalOverall.ShouldBe(Grade.Good);
    }

    [Fact]
    public void TheOverallIsTheAuditorsNotTheYoungAssessorsWithoutModeration()
    {
        var audit = new AuditBuilder().For(_template)
            .GradedByTheYoungAssessor(Grade.Outstanding, overall: Grade.Outstanding)
            .GradedByTheAuditor(Grade.RequiresImprovement, overall: Grade.RequiresImprovement)
            .Build();

        audit.FinaliseGrades(_template, DateTimeOffset.UnixEpoch);

        audit.FinalOverall.ShouldBe(Grade.RequiresImprovement);
    }

    [Fact]
    public void TheOverallIsNotSetBeforeFinalising()
    {
        var audit = new AuditBuilder().For(_template).GradedByTheAuditor(Grade.Good).GradedByTheYoungAssessor(Grade.Good).Build();

        audit.FinalOverall.ShouldBeNull();
        audit.FinalGrades.ShouldBeEmpty();
    }

    [Fact]
    public void TheOverallNeverFallsBackToTheYoungAssessors()
    {
        var audit = new AuditBuilder().For(_template).GradedByTheYoungAssessor(Grade.Outstanding, overall: Grade.Outstanding).Build();

        audit.FinaliseGrades(_template, DateTimeOffset.UnixEpoch);

        audit.FinalOverall.ShouldBeNull();
    }
}
