using Audit.Domain.Audits;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

public sealed class CaseFileAuditHistoryTests
{
    private readonly CaseFileAudit _audit = new AuditBuilder().Build();

    private CaseFileAudit WithThreeLines()
    {
        _audit.RecordTransition(People.Auditor, "submitGrading", "Grading", "Grading", "Grading submitted as Auditor.", TestData.Now.AddDays(1));
        _audit.RecordTransition(People.YoungAssessor, "submitGrading", "Grading", "Moderation", "Grading submitted as YoungAssessor.", TestData.Now.AddDays(2));
        return _audit;
    }

    [Fact]
    public void ATransitionMovesTheStateAppendsALineAndBumpsTheVersion()
    {
        var at = TestData.Now.AddDays(1);

        _audit.RecordTransition(People.Auditor, "submitGrading", "Grading", "Moderation", "Grading submitted as Auditor.", at);

        _audit.State.ShouldBe("Moderation");
        _audit.Version.ShouldBe(2);
        _audit.History.Count.ShouldBe(2);
        _audit.History[1].ShouldSatisfyAllConditions(
            h => h.Sequence.ShouldBe(2),
            h => h.By.ShouldBe(People.Auditor),
            h => h.Trigger.ShouldBe("submitGrading"),
            h => h.FromState.ShouldBe("Grading"),
            h => h.ToState.ShouldBe("Moderation"),
            h => h.Detail.ShouldBe("Grading submitted as Auditor."),
            h => h.At.ShouldBe(at));
        _audit.HistoryHead.ShouldBe(_audit.History[1].Hash);
    }

    [Fact]
    public void ATransitionWithinTheSameStateStillWritesALine()
    {
        _audit.RecordTransition(People.Auditor, "submitGrading", "Grading", "Grading", "", TestData.Now);

        _audit.State.ShouldBe("Grading");
        _audit.History.Count.ShouldBe(2);
        _audit.Version.ShouldBe(2);
    }

    [Fact]
    public void RefusesATransitionFromAStateTheAuditIsNotIn()
    {
        var head = _audit.HistoryHead;

        Should.Throw<InvalidOperationException>(() =>
            _audit.RecordTransition(People.Auditor, "moderate", "Moderation", "Actions", "", TestData.Now));

        _audit.State.ShouldBe("Grading");
        _audit.History.Count.ShouldBe(1);
        _audit.Version.ShouldBe(1);
        _audit.HistoryHead.ShouldBe(head);
    }

    [Fact]
    public void ChainsEachLineToTheOneBefore()
    {
        var audit = WithThreeLines();

        audit.History.Select(h => h.Sequence).ShouldBe([1, 2, 3]);
        audit.History[1].PreviousHash.ShouldBe(audit.History[0].Hash);
        audit.History[2].PreviousHash.ShouldBe(audit.History[1].Hash);
        audit.HistoryHead.ShouldBe(audit.History[2].Hash);
    }

    [Fact]
    public void HashesEachLineOverItsOwnContent()
    {
        var line = _audit.History[0];

        line.ComputeHash().ShouldBe(line.Hash);
        line.Hash.ShouldMatch("^[0-9a-f]{64}$");
    }

    [Fact]
    public void HashesTheSameEventsDifferentlyForDifferentAudits()
    {
        var other = new AuditBuilder().Build();

        other.History[0].Hash.ShouldNotBe(_audit.History[0].Hash);
    }

    [Fact]
    public void AWholeHistoryVerifies()
    {
        var check = WithThreeLines().VerifyHistory();

        check.Holds.ShouldBeTrue();
        check.Entries.ShouldBe(3);
        check.FirstBrokenSequence.ShouldBeNull();
        check.Problem.ShouldBeNull();
    }

    [Fact]
    public void ALineDroppedFromTheMiddleIsFound()
    {
        var audit = WithThreeLines();

        var check = HistoryChainCheck.Verify([audit.History[0], audit.History[2]], audit.HistoryHead, audit.HistoryLength);

        check.Holds.ShouldBeFalse();
        check.Entries.ShouldBe(1);
        check.FirstBrokenSequence.ShouldBe(2);
    }

    [Fact]
    public void ALineDroppedFromTheEndIsFound()
    {
        var audit = WithThreeLines();

        var check = HistoryChainCheck.Verify(audit.History.Take(2), audit.HistoryHead, audit.HistoryLength);

        check.Holds.ShouldBeFalse();
        check.FirstBrokenSequence.ShouldBe(3);
        check.Problem!.ShouldContain("newest line is missing");
    }

    [Fact]
    public void ALineFromAnotherAuditIsFound()
    {
        var audit = WithThreeLines();
        var other = new AuditBuilder().Build();
        other.RecordTransition(People.Auditor, "submitGrading", "Grading", "Grading", "Grading submitted as Auditor.", TestData.Now.AddDays(1));

        var check = HistoryChainCheck.Verify([audit.History[0], other.History[1], audit.History[2]], audit.HistoryHead, audit.HistoryLength);

        check.Holds.ShouldBeFalse();
        check.FirstBrokenSequence.ShouldBe(2);
    }

    [Fact]
    public void CompletionIsRecordedOnce()
    {
        _audit.MarkCompleted(TestData.Now.AddDays(40));
        _audit.MarkCompleted(TestData.Now.AddDays(41));

        _audit.CompletedAt.ShouldBe(TestData.Now.AddDays(40));
    }
}
