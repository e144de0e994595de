using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

public sealed class CaseFileAuditStartTests
{
    private static readonly Assignment AuditorAssignment = new(People.Auditor, GraderRole.Auditor);
    private static readonly Assignment YoungAssessorAssignment = new(People.YoungAssessor, GraderRole.YoungAssessor);

    [Fact]
    public void TakesItsTeamAndServiceAreaFromTheCaseFile()
    {
        var caseFile = TestData.CaseFile(TestData.Team(serviceArea: ServiceArea.ChildProtection));
        var template = new TemplateBuilder().Build();
        var roundId = Guid.NewGuid();

        var audit = new AuditBuilder().For(template).ForCaseFile(caseFile).InRound(roundId).Build();

        audit.CaseFileId.ShouldBe(caseFile.Id);
        audit.TeamId.ShouldBe(caseFile.TeamId);
        audit.ServiceArea.ShouldBe(ServiceArea.ChildProtection);
        audit.TemplateId.ShouldBe(template.Id);
        audit.RoundId.ShouldBe(roundId);
        audit.CreatedAt.ShouldBe(TestData.Now);
    }

    [Fact]
    public void StartsInTheInitialStateOnItsPinnedWorkflow()
    {
        var audit = new AuditBuilder().OnWorkflow("case-file-audit", 3).Build();

        audit.State.ShouldBe(AuditBuilder.InitialState);
        audit.Workflow.Name.ShouldBe("case-file-audit");
        audit.Workflow.Version.ShouldBe(3);
        audit.CompletedAt.ShouldBeNull();
        audit.FinalOverall.ShouldBeNull();
    }

    [Fact]
    public void WritesAStartHistoryLine()
    {
        var startedAt = TestData.Now.AddHours(2);

        var audit = new AuditBuilder().OnWorkflow("case-file-audit", 3).StartedBy(People.PrincipalSocialWorker, startedAt).Build();

        var line = audit.History.ShouldHaveSingleItem();
        line.Sequence.ShouldBe(1);
        line.Trigger.ShouldBe(CaseFileAudit.StartTrigger);
        line.Trigger.ShouldBe("start");
        line.FromState.ShouldBe("");
        line.ToState.ShouldBe(AuditBuilder.InitialState);
        line.By.ShouldBe(People.PrincipalSocialWorker);
        line.At.ShouldBe(startedAt);
        line.Detail.ShouldContain("case-file-audit v3");
        line.AuditId.ShouldBe(audit.Id);
        line.PreviousHash.ShouldBe("");
        audit.HistoryHead.ShouldBe(line.Hash);
        audit.Version.ShouldBe(1);
    }

    [Fact]
    public void RefusesAnAuditWithoutAnAuditor()
    {
        var template = new TemplateBuilder().Build();

        Should.Throw<DomainRuleException>(() => new AuditBuilder().For(template).AssignedTo(YoungAssessorAssignment).Build())
            .Field.ShouldBe("auditor");
    }

    [Fact]
    public void RefusesAnAuditWithoutTheYoungAssessorTheTemplateAsksFor()
    {
        var template = new TemplateBuilder().Build();

        Should.Throw<DomainRuleException>(() => new AuditBuilder().For(template).AssignedTo(AuditorAssignment).Build())
            .Field.ShouldBe("youngAssessor");
    }

    [Fact]
    public void RefusesAnAuditWithNoGraders() =>
        Should.Throw<DomainRuleException>(() => new AuditBuilder().For(new TemplateBuilder().GradedByAnAuditorOnly().Build()).AssignedTo().Build())
            .Field.ShouldBe("auditor");

    [Fact]
    public void NeedsNoYoungAssessorWhenTheTemplateDoesNotAskForOne()
    {
        var template = new TemplateBuilder().GradedByAnAuditorOnly().Build();

        var audit = new AuditBuilder().For(template).AssignedTo(AuditorAssignment).Build();

        audit.Assignments.ShouldHaveSingleItem().ShouldBe(AuditorAssignment);
    }

    [Fact]
    public void KeepsEachAssignmentOnce()
    {
        var audit = new AuditBuilder()
            .AssignedTo(AuditorAssignment, YoungAssessorAssignment, new Assignment(People.Auditor, GraderRole.Auditor))
            .Build();

        audit.Assignments.ShouldBe([AuditorAssignment, YoungAssessorAssignment]);
    }

    [Fact]
    public void GivesTheAuditItsOwnAssignmentInstances()
    {
        var audit = new AuditBuilder().AssignedTo(AuditorAssignment, YoungAssessorAssignment).Build();

        audit.Assignments[0].ShouldBe(AuditorAssignment);
        audit.Assignments[0].ShouldNotBeSameAs(AuditorAssignment);
    }

    [Fact]
    public void KnowsWhoIsAssignedAndInWhichRoles()
    {
        var audit = new AuditBuilder()
            .AssignedTo(AuditorAssignment, YoungAssessorAssignment, new Assignment(People.SecondAuditor, GraderRole.Auditor))
            .Build();

        audit.IsAssigned(People.Auditor).ShouldBeTrue();
        audit.IsAssigned(People.SecondAuditor).ShouldBeTrue();
        audit.IsAssigned(People.Stranger).ShouldBeFalse();
        audit.RolesOf(People.YoungAssessor).ShouldBe([GraderRole.YoungAssessor]);
        audit.RolesOf(People.Stranger).ShouldBeEmpty();
    }

    [Fact]
    public void RefusesOnePersonAsBothTheAuditorAndTheYoungAssessor()
    {
        var error = Should.Throw<DomainRuleException>(() => new AuditBuilder()
            .AssignedTo(AuditorAssignment, new Assignment(People.Auditor, GraderRole.YoungAssessor))
            .Build());

        error.Field.ShouldBe("youngAssessor");
        error.Message.ShouldBe($"{People.Auditor} cannot be both the auditor and the young assessor of an audit: the two views must come from two people.");
    }
}
