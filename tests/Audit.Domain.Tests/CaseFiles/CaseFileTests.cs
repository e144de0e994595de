using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.CaseFiles;

public sealed class CaseFileTests
{
    [Fact]
    public void TakesItsTeamAndServiceAreaFromTheTeam()
    {
        var team = TestData.Team(serviceArea: ServiceArea.CareLeavers);

        var caseFile = new CaseFile(Guid.NewGuid(), "  CF-200417 ", team, Stage.PathwayPlan, " Alys Penrose ", ChildAgeBand.SixteenToSeventeen);

        caseFile.Reference.ShouldBe("CF-200417");
        caseFile.TeamId.ShouldBe(team.Id);
        caseFile.ServiceArea.ShouldBe(ServiceArea.CareLeavers);
        caseFile.AllocatedWorker.ShouldBe("Alys Penrose");
    }

    [Fact]
    public void NeedsAReference() =>
        Should.Throw<DomainRuleException>(() => new CaseFile(Guid.NewGuid(), " ", TestData.Team(), Stage.Plan, "Alys Penrose", ChildAgeBand.UnderFive))
            .Field.ShouldBe("reference");

    [Fact]
    public void APreparedExtractIsNotClearedUntilSomeoneClearsIt()
    {
        var caseFile = TestData.CaseFile();

        caseFile.PrepareExtract("  The child said they wanted to stay at their school.  ");

        caseFile.RedactedExtract.ShouldBe("The child said they wanted to stay at their school.");
        caseFile.ExtractIsCleared.ShouldBeFalse();
        caseFile.ClearExtract(People.Auditor, TestData.Now);
        caseFile.ExtractIsCleared.ShouldBeTrue();
        caseFile.ExtractClearedBy.ShouldBe(People.Auditor);
        caseFile.ExtractClearedAt.ShouldBe(TestData.Now);
    }

    [Fact]
    public void AChangedExtractMustBeClearedAgain()
    {
        var caseFile = TestData.CaseFile();
        caseFile.PrepareExtract("First version.");
        caseFile.ClearExtract(People.Auditor, TestData.Now);

        caseFile.PrepareExtract("Second version.");

        caseFile.ExtractIsCleared.ShouldBeFalse();
        caseFile.ExtractClearedBy.ShouldBeNull();
        caseFile.ExtractClearedAt.ShouldBeNull();
    }

    [Fact]
    public void RefusesAnEmptyOrOverlongExtract()
    {
        var caseFile = TestData.CaseFile();

        Should.Throw<DomainRuleException>(() => caseFile.PrepareExtract("  ")).Field.ShouldBe("text");
        Should.Throw<DomainRuleException>(() => caseFile.PrepareExtract(new string('x', CaseFile.MaxExtractLength + 1))).Field.ShouldBe("text");
        caseFile.RedactedExtract.ShouldBeNull();
    }

    [Fact]
    public void RefusesToClearAnExtractThatWasNeverPrepared()
    {
        var caseFile = TestData.CaseFile();

        Should.Throw<DomainConflictException>(() => caseFile.ClearExtract(People.Auditor, TestData.Now));
        caseFile.ExtractIsCleared.ShouldBeFalse();
    }
}
