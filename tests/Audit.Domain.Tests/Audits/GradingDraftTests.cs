using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

public sealed class GradingDraftTests
{
    private readonly Template _template = new TemplateBuilder().Build();
    private readonly CaseFileAudit _audit;

    public GradingDraftTests() => _audit = new AuditBuilder().For(_template).Build();

    private Guid Criterion(int index) => _template.Criteria[index].Id;

    private GradingDraft DraftOfTheYoungAssessor() => GradingDraft.Start(_audit, People.YoungAssessor, GraderRole.YoungAssessor);

    [Fact]
    public void StartsEmptyForAnAssignedGrader()
    {
        var draft = DraftOfTheYoungAssessor();

        draft.AuditId.ShouldBe(_audit.Id);
        draft.Grader.ShouldBe(People.YoungAssessor);
        draft.Role.ShouldBe(GraderRole.YoungAssessor);
        draft.Grades.ShouldBeEmpty();
        draft.Overall.ShouldBeNull();
        draft.Version.ShouldBe(0);
    }

    [Fact]
    public void KeepsAPartialDraftWithMissingGradesAndEvidence()
    {
        var draft = DraftOfTheYoungAssessor();
        var at = TestData.Now.AddHours(1);

        draft.Record(_audit, _template, [new DraftEntry(Criterion(0), Grade.Good, null), new DraftEntry(Criterion(2), null, "  They asked to meet after school.  ")], null, at);

        draft.Grades.Select(g => (g.CriterionId, g.Grade, g.Evidence)).ShouldBe([(Criterion(0), (Grade?)Grade.Good, (string?)null), (Criterion(2), null, "They asked to meet after school.")]);
        draft.Overall.ShouldBeNull();
        draft.UpdatedAt.ShouldBe(at);
        draft.Version.ShouldBe(1);
    }

    [Fact]
    public void ReplacesWhatItHeldOnEachSave()
    {
        var draft = DraftOfTheYoungAssessor();
        draft.Record(_audit, _template, [new DraftEntry(Criterion(0), Grade.Good, "First thoughts."), new DraftEntry(Criterion(1), Grade.Inadequate, null)], Grade.Good, TestData.Now);

        draft.Record(_audit, _template, [new DraftEntry(Criterion(0), Grade.Outstanding, "Second thoughts."), new DraftEntry(Criterion(2), null, "New.")], null, TestData.Now.AddMinutes(5));

        draft.Grades.Select(g => g.CriterionId).ShouldBe([Criterion(0), Criterion(2)]);
        draft.For(Criterion(0))!.Grade.ShouldBe(Grade.Outstanding);
        draft.For(Criterion(0))!.Evidence.ShouldBe("Second thoughts.");
        draft.For(Criterion(1)).ShouldBeNull();
        draft.Overall.ShouldBeNull();
        draft.Version.ShouldBe(2);
    }

    [Fact]
    public void DropsEntriesWithNeitherAGradeNorEvidence()
    {
        var draft = DraftOfTheYoungAssessor();

        draft.Record(_audit, _template, [new DraftEntry(Criterion(0), null, "   "), new DraftEntry(Criterion(1), null, null)], Grade.Good, TestData.Now);

        draft.Grades.ShouldBeEmpty();
        draft.Overall.ShouldBe(Grade.Good);
    }

    [Fact]
    public void RefusesAGraderWhoIsNotAssigned() =>
        Should.Throw<DomainRuleException>(() => GradingDraft.Start(_audit, People.Stranger, GraderRole.Auditor));

    [Fact]
    public void RefusesAnAssignedGraderInARoleTheyWereNotGiven() =>
        Should.Throw<DomainRuleException>(() => GradingDraft.Start(_audit, People.Auditor, GraderRole.YoungAssessor));

    [Fact]
    public void RefusesToStartOnceTheGraderHasSubmitted()
    {
        _audit.RecordGrading(_template, People.YoungAssessor, GraderRole.YoungAssessor, GradesBuilder.For(_template).Build(), Grade.Good, TestData.Now);

        Should.Throw<DomainConflictException>(DraftOfTheYoungAssessor).Message.ShouldContain("submitted");
    }

    [Fact]
    public void RefusesToSaveOnceTheGraderHasSubmittedAndKeepsWhatItHeld()
    {
        var draft = DraftOfTheYoungAssessor();
        draft.Record(_audit, _template, [new DraftEntry(Criterion(0), Grade.Good, null)], null, TestData.Now);
        _audit.RecordGrading(_template, People.YoungAssessor, GraderRole.YoungAssessor, GradesBuilder.For(_template).Build(), Grade.Good, TestData.Now);

        Should.Throw<DomainConflictException>(() => draft.Record(_audit, _template, [], Grade.Inadequate, TestData.Now));

        draft.Grades.ShouldHaveSingleItem().Grade.ShouldBe(Grade.Good);
        draft.Overall.ShouldBeNull();
        draft.Version.ShouldBe(1);
    }

    [Fact]
    public void AnotherGradersSubmissionDoesNotStopADraft()
    {
        _audit.RecordGrading(_template, People.Auditor, GraderRole.Auditor, GradesBuilder.For(_template).Build(), Grade.Good, TestData.Now);

        var draft = DraftOfTheYoungAssessor();
        draft.Record(_audit, _template, [new DraftEntry(Criterion(1), Grade.RequiresImprovement, null)], null, TestData.Now);

        draft.Grades.ShouldHaveSingleItem();
    }

    [Fact]
    public void RefusesACriterionFromAnotherTemplateNamingTheEntry()
    {
        var draft = DraftOfTheYoungAssessor();

        var refused = Should.Throw<DomainRuleException>(() =>
            draft.Record(_audit, _template, [new DraftEntry(Criterion(0), Grade.Good, null), new DraftEntry(Guid.NewGuid(), Grade.Good, null)], null, TestData.Now));

        refused.Field.ShouldBe("grades[1].criterionId");
        draft.Grades.ShouldBeEmpty();
    }

    [Fact]
    public void RefusesTheSameCriterionTwice() =>
        Should.Throw<DomainRuleException>(() => DraftOfTheYoungAssessor().Record(
            _audit, _template, [new DraftEntry(Criterion(0), Grade.Good, null), new DraftEntry(Criterion(0), Grade.Inadequate, null)], null, TestData.Now))
            .Field.ShouldBe("grades[1].criterionId");

    [Fact]
    public void RefusesAGradeOffTheScale()
    {
        var draft = DraftOfTheYoungAssessor();

        Should.Throw<DomainRuleException>(() => draft.Record(_audit, _template, [new DraftEntry(Criterion(0), (Grade)9, null)], null, TestData.Now))
            .Field.ShouldBe("grades[0].grade");
        Should.Throw<DomainRuleException>(() => draft.Record(_audit, _template, [], (Grade)0, TestData.Now))
            .Field.ShouldBe("overall");
    }

    [Fact]
    public void RefusesEvidenceLongerThanAGradingAllows() =>
        Should.Throw<DomainRuleException>(() => DraftOfTheYoungAssessor().Record(
            _audit, _template, [new DraftEntry(Criterion(0), null, new string('x', CaseFileAudit.MaxTextLength + 1))], null, TestData.Now))
            .Field.ShouldBe("grades[0].evidence");

    [Fact]
    public void IsSavedOnlyAgainstItsOwnAudit()
    {
        var other = new AuditBuilder().For(_template).Build();

        Should.Throw<ArgumentException>(() => DraftOfTheYoungAssessor().Record(other, _template, [], null, TestData.Now));
    }
}
