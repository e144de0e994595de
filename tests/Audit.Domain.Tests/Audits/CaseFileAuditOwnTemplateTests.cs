using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

/// <summary>Every method that takes a template refuses one that is not the audit's own version.</summary>
public sealed class CaseFileAuditOwnTemplateTests
{
    private readonly Template _own = new TemplateBuilder().Build();
    private readonly Template _other = new TemplateBuilder().Build();

    private CaseFileAudit Graded() => new AuditBuilder().For(_own).GradedByTheAuditor(Grade.Good).GradedByTheYoungAssessor(Grade.Good).Build();

    private GradeEntry[] OtherGrades() => [.. _other.Criteria.Select(c => new GradeEntry(c.Id, Grade.Good, "Seen in the record."))];

    [Fact]
    public void RecordingAGradingRefusesAnotherTemplate()
    {
        var audit = new AuditBuilder().For(_own).Build();

        Should.Throw<ArgumentException>(() => audit.RecordGrading(_other, People.Auditor, GraderRole.Auditor, OtherGrades(), Grade.Good, TestData.Now))
            .ParamName.ShouldBe("template");
        audit.Gradings.ShouldBeEmpty();
    }

    [Fact]
    public void ModeratingRefusesAnotherTemplate() =>
        Should.Throw<ArgumentException>(() => Graded().RecordModeration(_other, People.PrincipalSocialWorker, OtherGrades(), null, TestData.Now));

    [Fact]
    public void TheWorkflowsQuestionsRefuseAnotherTemplate()
    {
        var audit = Graded();

        Should.Throw<ArgumentException>(() => audit.AllGradingsIn(_other));
        Should.Throw<ArgumentException>(() => audit.GradesByCriterion(_other));
        Should.Throw<ArgumentException>(() => audit.AnyGradeBelowTarget(_other));
    }

    [Fact]
    public void FinalisingAndRaisingActionsRefuseAnotherTemplate()
    {
        var team = TestData.Team();
        var audit = new AuditBuilder().For(_own).ForCaseFile(TestData.CaseFile(team)).GradedByTheAuditor(Grade.RequiresImprovement).GradedByTheYoungAssessor(Grade.Good).Build();

        Should.Throw<ArgumentException>(() => audit.FinaliseGrades(_other, TestData.Now));
        audit.FinalGrades.ShouldBeEmpty();
        audit.FinaliseGrades(_own, TestData.Now);
        Should.Throw<ArgumentException>(() => audit.RaiseFollowUpActions(_other, team, TestData.Today.AddDays(28), TestData.Now));
        audit.ActionsRaisedAt.ShouldBeNull();
    }
}
