using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests;

public sealed class CaseFileExtractTests
{
    [Fact]
    public void ANewExtractIsNotClearedUntilSomeoneClearsIt()
    {
        var caseFile = A.CaseFile();

        caseFile.PrepareExtract("  The young person asked for a different time.  ");

        caseFile.RedactedExtract.ShouldBe("The young person asked for a different time.");
        caseFile.ExtractIsCleared.ShouldBeFalse();
        caseFile.ClearExtract("ivan.quill", A.Now);
        caseFile.ExtractIsCleared.ShouldBeTrue();
        caseFile.ExtractClearedBy.ShouldBe("ivan.quill");
    }

    [Fact]
    public void ChangingAClearedExtractNeedsClearingAgain()
    {
        var caseFile = A.CaseFile();
        caseFile.PrepareExtract("First version.");
        caseFile.ClearExtract("ivan.quill", A.Now);

        caseFile.PrepareExtract("Second version.");

        caseFile.ExtractIsCleared.ShouldBeFalse();
        caseFile.ExtractClearedAt.ShouldBeNull();
    }

    [Fact]
    public void ThereIsNothingToClearWithoutAnExtract() =>
        Should.Throw<DomainConflictException>(() => A.CaseFile().ClearExtract("ivan.quill", A.Now));

    [Fact]
    public void AnEmptyExtractIsRefused() =>
        Should.Throw<DomainRuleException>(() => A.CaseFile().PrepareExtract(" ")).Field.ShouldBe("text");
}
