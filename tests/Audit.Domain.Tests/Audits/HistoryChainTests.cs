using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

public sealed class HistoryChainTests
{
    [Fact]
    public void EachLineIsChainedToTheOneBefore()
    {
        var template = A.Template();
        var audit = A.Audit(template);
        audit.RecordTransition("ivan.quill", "submitGrading", "Grading", "Grading", "", A.Now);
        audit.RecordTransition("jay.assessor", "submitGrading", "Grading", "Completed", "", A.Now);

        audit.History.Select(h => h.Sequence).ShouldBe([1, 2, 3]);
        audit.History[1].PreviousHash.ShouldBe(audit.History[0].Hash);
        audit.History[2].PreviousHash.ShouldBe(audit.History[1].Hash);
        audit.HistoryHead.ShouldBe(audit.History[2].Hash);
        audit.VerifyHistory().Holds.ShouldBeTrue();
        audit.VerifyHistory().Entries.ShouldBe(3);
    }

    [Fact]
    public void ADroppedLineInTheMiddleIsFound()
    {
        var audit = A.Audit(A.Template());
        audit.RecordTransition("ivan.quill", "submitGrading", "Grading", "Grading", "", A.Now);
        audit.RecordTransition("jay.assessor", "submitGrading", "Grading", "Completed", "", A.Now);

        var check = Domain.Audits.HistoryChainCheck.Verify([audit.History[0], audit.History[2]], audit.HistoryHead);

        check.Holds.ShouldBeFalse();
        check.FirstBrokenSequence.ShouldBe(2);
    }

    [Fact]
    public void ALinesHashMatchesItsContent()
    {
        var audit = A.Audit(A.Template());
        var line = audit.History[0];

        line.ComputeHash().ShouldBe(line.Hash);
        line.Hash.Length.ShouldBe(64);
    }
}
