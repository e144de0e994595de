using Audit.Domain.Audits;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

public sealed class ConcernAndTimerTests
{
    [Fact]
    public void AConcernIsRecordedInAnyStateWithAHistoryLineThatKeepsItsDescriptionOut()
    {
        var audit = new AuditBuilder().Build();
        audit.RecordTransition(People.Auditor, "submitGrading", "Grading", "Completed", "", TestData.Now);

        var concern = audit.RaiseConcern(People.YoungAssessor, "  The child said they are frightened at home.  ", TestData.Now);

        concern.Description.ShouldBe("The child said they are frightened at home.");
        audit.State.ShouldBe("Completed");
        audit.Concerns.ShouldHaveSingleItem();
        var line = audit.History[^1];
        line.Trigger.ShouldBe(CaseFileAudit.ConcernTrigger);
        line.FromState.ShouldBe("Completed");
        line.ToState.ShouldBe("Completed");
        line.Detail.ShouldNotContain("frightened");
        audit.VerifyHistory().Holds.ShouldBeTrue();
    }

    [Fact]
    public void AConcernNeedsADescription() =>
        Should.Throw<DomainRuleException>(() => new AuditBuilder().Build().RaiseConcern(People.Auditor, " ", TestData.Now)).Field.ShouldBe("description");

    [Fact]
    public void ATimerFiresOnceAndACancelledTimerNever()
    {
        var fired = new AuditTimer(Guid.NewGuid(), Guid.NewGuid(), "Grading", "remindGraders", TestData.Now);
        var cancelled = new AuditTimer(Guid.NewGuid(), Guid.NewGuid(), "Grading", "remindGraders", TestData.Now);

        fired.Fire(TestData.Now);
        cancelled.Cancel(TestData.Now);

        fired.IsPending.ShouldBeFalse();
        fired.Version.ShouldBe(1);
        Should.Throw<DomainConflictException>(() => fired.Fire(TestData.Now));
        Should.Throw<DomainConflictException>(() => cancelled.Fire(TestData.Now));
        cancelled.Cancel(TestData.Now.AddDays(1));
        cancelled.CancelledAt.ShouldBe(TestData.Now);
    }
}
