using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

public sealed class CaseFileAuditGradingTests
{
    private readonly Template _template = new TemplateBuilder().Build();
    private readonly CaseFileAudit _audit;

    public CaseFileAuditGradingTests() => _audit = new AuditBuilder().For(_template).Build();

    private AuditGrading GradeAsTheAuditor(IReadOnlyList<GradeEntry> grades, Grade overall = Grade.Good) =>
        _audit.RecordGrading(_template, People.Auditor, GraderRole.Auditor, grades, overall, TestData.Now);

    [Fact]
    public void RecordsAGradingFromAnAssignedGrader()
    {
        var at = TestData.Now.AddDays(1);
        var grades = GradesBuilder.For(_template, Grade.Good).With(1, Grade.RequiresImprovement).Build();

        var grading = _audit.RecordGrading(_template, People.Auditor, GraderRole.Auditor, grades, Grade.Good, at);

        _audit.Gradings.ShouldHaveSingleItem().ShouldBeSameAs(grading);
        grading.Grader.ShouldBe(People.Auditor);
        grading.Role.ShouldBe(GraderRole.Auditor);
        grading.Overall.ShouldBe(Grade.Good);
        grading.SubmittedAt.ShouldBe(at);
        grading.Grades.Select(g => g.CriterionId).ShouldBe(_template.Criteria.Select(c => c.Id));
        grading.Grades.Select(g => g.Grade).ShouldBe([Grade.Good, Grade.RequiresImprovement, Grade.Good]);
        grading.GradeFor(_template.Criteria[1].Id).ShouldBe(Grade.RequiresImprovement);
        _audit.HasGraded(People.Auditor, GraderRole.Auditor).ShouldBeTrue();
        _audit.GradingBy(GraderRole.Auditor).ShouldBeSameAs(grading);
    }

    [Fact]
    public void KeepsTheEvidenceTrimmed()
    {
        var grading = GradeAsTheAuditor(GradesBuilder.For(_template).WithText(0, "  The child's own words are in the plan.  ").Build());

        grading.Grades[0].Evidence.ShouldBe("The child's own words are in the plan.");
    }

    [Fact]
    public void RefusesAGraderWhoIsNotAssigned()
    {
        Should.Throw<DomainRuleException>(() =>
            _audit.RecordGrading(_template, People.Stranger, GraderRole.Auditor, GradesBuilder.For(_template).Build(), Grade.Good, TestData.Now));

        _audit.Gradings.ShouldBeEmpty();
    }

    [Fact]
    public void RefusesAnAssignedGraderInARoleTheyWereNotGiven()
    {
        Should.Throw<DomainRuleException>(() =>
            _audit.RecordGrading(_template, People.Auditor, GraderRole.YoungAssessor, GradesBuilder.For(_template).Build(), Grade.Good, TestData.Now));

        _audit.Gradings.ShouldBeEmpty();
    }

    [Fact]
    public void RefusesASecondGradingFromTheSameGrader()
    {
        GradeAsTheAuditor(GradesBuilder.For(_template, Grade.Good).Build());

        Should.Throw<DomainConflictException>(() => GradeAsTheAuditor(GradesBuilder.For(_template, Grade.Inadequate).Build(), Grade.Inadequate));

        _audit.Gradings.ShouldHaveSingleItem().Overall.ShouldBe(Grade.Good);
    }

    [Fact]
    public void LetsEachAssignedGraderGradeOnce()
    {
        GradeAsTheAuditor(GradesBuilder.For(_template).Build());
        _audit.RecordGrading(_template, People.YoungAssessor, GraderRole.YoungAssessor, GradesBuilder.For(_template).Build(), Grade.Good, TestData.Now);

        _audit.Gradings.Select(g => g.Grader).ShouldBe([People.Auditor, People.YoungAssessor]);
    }

    [Fact]
    public void RefusesACriterionThatIsNotInTheTemplate()
    {
        var otherTemplate = new TemplateBuilder().Build();
        var grades = GradesBuilder.For(_template).Build().ToList();
        grades[1] = grades[1] with { CriterionId = otherTemplate.Criteria[1].Id };

        Should.Throw<DomainRuleException>(() => GradeAsTheAuditor(grades)).Field.ShouldBe("grades[1].criterionId");
        _audit.Gradings.ShouldBeEmpty();
    }

    [Fact]
    public void RefusesTheSameCriterionGradedTwice()
    {
        var grades = GradesBuilder.For(_template).Build().ToList();
        grades[2] = grades[2] with { CriterionId = grades[0].CriterionId };

        Should.Throw<DomainRuleException>(() => GradeAsTheAuditor(grades)).Field.ShouldBe("grades[2].criterionId");
        _audit.Gradings.ShouldBeEmpty();
    }

    [Fact]
    public void RefusesAGradingThatLeavesACriterionOut()
    {
        var grades = GradesBuilder.For(_template).Build().Take(2).ToList();

        var error = Should.Throw<DomainRuleException>(() => GradeAsTheAuditor(grades));

        error.Field.ShouldBe("grades");
        error.Message.ShouldContain(_template.Criteria[2].Title);
        error.Message.ShouldNotContain(_template.Criteria[0].Title);
        _audit.Gradings.ShouldBeEmpty();
    }

    [Fact]
    public void RefusesAnEmptyGrading() =>
        Should.Throw<DomainRuleException>(() => GradeAsTheAuditor([])).Field.ShouldBe("grades");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n")]
    public void RefusesAGradeWithoutEvidence(string evidence)
    {
        var grades = GradesBuilder.For(_template).WithText(1, evidence).Build();

        Should.Throw<DomainRuleException>(() => GradeAsTheAuditor(grades)).Field.ShouldBe("grades[1].evidence");
        _audit.Gradings.ShouldBeEmpty();
    }

    [Fact]
    public void RefusesEvidenceLongerThanTheLimit()
    {
        var grades = GradesBuilder.For(_template).WithText(2, new string('x', CaseFileAudit.MaxTextLength + 1)).Build();

        Should.Throw<DomainRuleException>(() => GradeAsTheAuditor(grades)).Field.ShouldBe("grades[2].evidence");
    }

    [Fact]
    public void AcceptsEvidenceOfExactlyTheLimit()
    {
        var grading = GradeAsTheAuditor(GradesBuilder.For(_template).WithText(2, new string('x', CaseFileAudit.MaxTextLength)).Build());

        grading.Grades[2].Evidence.Length.ShouldBe(CaseFileAudit.MaxTextLength);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-3)]
    public void RefusesAGradeThatIsNotOnTheScale(int grade)
    {
        var grades = GradesBuilder.For(_template).With(1, (Grade)grade).Build();

        Should.Throw<DomainRuleException>(() => GradeAsTheAuditor(grades)).Field.ShouldBe("grades[1].grade");
        _audit.Gradings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void RefusesAnOverallGradeThatIsNotOnTheScale(int overall)
    {
        Should.Throw<DomainRuleException>(() => GradeAsTheAuditor(GradesBuilder.For(_template).Build(), (Grade)overall)).Field.ShouldBe("overall");
        _audit.Gradings.ShouldBeEmpty();
    }

    [Fact]
    public void AcceptsACorrectedGradingAfterARefusedOne()
    {
        Should.Throw<DomainRuleException>(() => GradeAsTheAuditor(GradesBuilder.For(_template).WithText(0, " ").Build()));

        GradeAsTheAuditor(GradesBuilder.For(_template).Build());

        _audit.HasGraded(People.Auditor, GraderRole.Auditor).ShouldBeTrue();
        _audit.Gradings.Count.ShouldBe(1);
    }

    [Fact]
    public void NamesTheRoleAGraderGradesInNextAndNoneForSomeoneNotAssigned()
    {
        _audit.RoleToGradeIn(People.Stranger).ShouldBeNull();
        _audit.RoleToGradeIn(People.YoungAssessor).ShouldBe(GraderRole.YoungAssessor);
        _audit.RoleToGradeIn(People.Auditor).ShouldBe(GraderRole.Auditor);

        GradeAsTheAuditor(GradesBuilder.For(_template).Build());

        _audit.RoleToGradeIn(People.Auditor).ShouldBe(GraderRole.Auditor, "a grader with one role keeps it after submitting");
    }
}
