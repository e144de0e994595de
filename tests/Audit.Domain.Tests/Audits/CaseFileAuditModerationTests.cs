using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

public sealed class CaseFileAuditModerationTests
{
    private readonly Template _template = new TemplateBuilder().Build();
    private readonly CaseFileAudit _audit;

    public CaseFileAuditModerationTests() =>
        _audit = new AuditBuilder().For(_template)
            .GradedByTheAuditor(Grade.Good, Grade.Good, (1, Grade.Inadequate))
            .GradedByTheYoungAssessor(Grade.Good)
            .Build();

    private GradeEntry Entry(int criterion, Grade grade, string reason = "Checked against the plan and the review notes.") =>
        new(_template.Criteria[criterion].Id, grade, reason);

    private void Moderate(IReadOnlyList<GradeEntry> grades, Grade? overall = null) =>
        _audit.RecordModeration(_template, People.PrincipalSocialWorker, grades, overall, TestData.Now.AddDays(5));

    [Fact]
    public void AcceptsASubsetOfCriteriaWithReasons()
    {
        Moderate([Entry(1, Grade.RequiresImprovement, "  The plan records the child's wish but not what was done.  ")]);

        var moderated = _audit.Moderation.ShouldHaveSingleItem();
        moderated.CriterionId.ShouldBe(_template.Criteria[1].Id);
        moderated.Grade.ShouldBe(Grade.RequiresImprovement);
        moderated.Reason.ShouldBe("The plan records the child's wish but not what was done.");
        moderated.Moderator.ShouldBe(People.PrincipalSocialWorker);
        moderated.ModeratedAt.ShouldBe(TestData.Now.AddDays(5));
    }

    [Fact]
    public void AcceptsEveryCriterion()
    {
        Moderate([Entry(0, Grade.Good), Entry(1, Grade.Good), Entry(2, Grade.Outstanding)]);

        _audit.Moderation.Select(m => m.Grade).ShouldBe([Grade.Good, Grade.Good, Grade.Outstanding]);
    }

    [Fact]
    public void RecordsTheModeratorsOverallGradeAsFinal()
    {
        Moderate([Entry(1, Grade.RequiresImprovement)], Grade.RequiresImprovement);

        _audit.FinalOverall.ShouldBe(Grade.RequiresImprovement);
    }

    [Fact]
    public void ModeratesOnlyOnce()
    {
        Moderate([Entry(1, Grade.RequiresImprovement)]);

        Should.Throw<DomainConflictException>(() => Moderate([Entry(1, Grade.Good)], Grade.Good));

        _audit.Moderation.ShouldHaveSingleItem().Grade.ShouldBe(Grade.RequiresImprovement);
        _audit.FinalOverall.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void RefusesAModeratedGradeWithoutAReason(string reason)
    {
        Should.Throw<DomainRuleException>(() => Moderate([Entry(0, Grade.Good), Entry(1, Grade.Good, reason)]))
            .Field.ShouldBe("grades[1].reason");

        _audit.Moderation.ShouldBeEmpty();
    }

    [Fact]
    public void RefusesAReasonLongerThanTheLimit() =>
        Should.Throw<DomainRuleException>(() => Moderate([Entry(1, Grade.Good, new string('x', CaseFileAudit.MaxTextLength + 1))]))
            .Field.ShouldBe("grades[0].reason");

    [Fact]
    public void RefusesAModerationWithNoGrades()
    {
        Should.Throw<DomainRuleException>(() => Moderate([], Grade.Good)).Field.ShouldBe("grades");

        _audit.FinalOverall.ShouldBeNull();
    }

    [Fact]
    public void RefusesACriterionThatIsNotInTheTemplate() =>
        Should.Throw<DomainRuleException>(() => Moderate([new GradeEntry(Guid.NewGuid(), Grade.Good, "A reason.")]))
            .Field.ShouldBe("grades[0].criterionId");

    [Fact]
    public void RefusesTheSameCriterionModeratedTwice() =>
        Should.Throw<DomainRuleException>(() => Moderate([Entry(1, Grade.Good), Entry(1, Grade.RequiresImprovement)]))
            .Field.ShouldBe("grades[1].criterionId");

    [Fact]
    public void RefusesAModeratedGradeThatIsNotOnTheScale() =>
        Should.Throw<DomainRuleException>(() => Moderate([Entry(1, (Grade)9)]))
            .Field.ShouldBe("grades[0].grade");

    [Fact]
    public void RefusesAnOverallGradeThatIsNotOnTheScale()
    {
        Should.Throw<DomainRuleException>(() => Moderate([Entry(1, Grade.Good)], (Grade)0)).Field.ShouldBe("overall");

        _audit.Moderation.ShouldBeEmpty();
    }

    [Fact]
    public void AcceptsACorrectedModerationAfterARefusedOne()
    {
        Should.Throw<DomainRuleException>(() => Moderate([Entry(1, Grade.Good, "")]));

        Moderate([Entry(1, Grade.Good)]);

        _audit.Moderation.ShouldHaveSingleItem().Grade.ShouldBe(Grade.Good);
    }
}
