using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Templates;

public sealed class TemplateTests
{
    [Fact]
    public void NumbersItsCriteriaInTheOrderGivenFromZero()
    {
        var template = new TemplateBuilder().WithCriteria(6).Build();

        template.Criteria.Select(c => c.Position).ShouldBe([0, 1, 2, 3, 4, 5]);
        template.Criteria.Select(c => c.Title).ShouldBe(["Criterion 1", "Criterion 2", "Criterion 3", "Criterion 4", "Criterion 5", "Criterion 6"]);
    }

    [Fact]
    public void GivesEachCriterionItsOwnId()
    {
        var template = new TemplateBuilder().WithCriteria(6).Build();

        template.Criteria.ShouldAllBe(c => c.Id != Guid.Empty);
        template.Criteria.Select(c => c.Id).Distinct().Count().ShouldBe(6);
        template.Criteria.ShouldAllBe(c => template.HasCriterion(c.Id));
        template.HasCriterion(Guid.NewGuid()).ShouldBeFalse();
    }

    [Fact]
    public void GivesTheSameTitlesDifferentIdsInAnotherTemplate()
    {
        var first = new TemplateBuilder().Build();
        var second = new TemplateBuilder().Build();

        second.HasCriterion(first.Criteria[0].Id).ShouldBeFalse();
    }

    [Fact]
    public void KeepsItsNameTargetAndAuthorWithTitlesAndGuidanceTrimmed()
    {
        var template = new TemplateBuilder()
            .Named("  What children say they need  ")
            .WithCriteria(("  Vigilance  ", "  Someone notices when things are wrong.  "))
            .WithTarget(Grade.Outstanding, 40)
            .Build();

        template.Name.ShouldBe("What children say they need");
        template.Criteria.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            c => c.Title.ShouldBe("Vigilance"),
            c => c.Guidance.ShouldBe("Someone notices when things are wrong."));
        template.Target.ShouldBe(new Target(Grade.Outstanding, 40));
        template.CreatedBy.ShouldBe(People.PrincipalSocialWorker);
        template.CreatedAt.ShouldBe(TestData.Now);
    }

    [Fact]
    public void RefusesATemplateWithNoCriteria() =>
        Should.Throw<DomainRuleException>(() => new TemplateBuilder().WithCriteria().Build())
            .Field.ShouldBe("criteria");

    [Fact]
    public void RefusesMoreCriteriaThanTheMaximum() =>
        Should.Throw<DomainRuleException>(() => new TemplateBuilder().WithCriteria(Template.MaxCriteria + 1).Build())
            .Field.ShouldBe("criteria");

    [Fact]
    public void AcceptsExactlyTheMaximumNumberOfCriteria() =>
        new TemplateBuilder().WithCriteria(Template.MaxCriteria).Build().Criteria.Count.ShouldBe(Template.MaxCriteria);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void RefusesACriterionWithABlankTitleNamingWhichOne(string title) =>
        Should.Throw<DomainRuleException>(() => new TemplateBuilder().WithCriteria(("I am listened to.", ""), (title, "Some guidance")).Build())
            .Field.ShouldBe("criteria[1].title");

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void RefusesABlankName(string name) =>
        Should.Throw<DomainRuleException>(() => new TemplateBuilder().Named(name).Build())
            .Field.ShouldBe("name");

    [Fact]
    public void RefusesATemplateGradedOnlyByYoungAssessors() =>
        Should.Throw<DomainRuleException>(() => new TemplateBuilder().GradedBy(GraderRole.YoungAssessor).Build())
            .Field.ShouldBe("graders");

    [Fact]
    public void RefusesATemplateWithNoGraders() =>
        Should.Throw<DomainRuleException>(() => new TemplateBuilder().GradedBy().Build())
            .Field.ShouldBe("graders");

    [Fact]
    public void AsksForEachGraderRoleOnce()
    {
        var template = new TemplateBuilder().GradedBy(GraderRole.Auditor, GraderRole.YoungAssessor, GraderRole.Auditor).Build();

        template.Graders.ShouldBe([GraderRole.Auditor, GraderRole.YoungAssessor]);
        template.Requires(GraderRole.YoungAssessor).ShouldBeTrue();
    }

    [Fact]
    public void RequiresOnlyTheRolesItNames()
    {
        var template = new TemplateBuilder().GradedByAnAuditorOnly().Build();

        template.Requires(GraderRole.Auditor).ShouldBeTrue();
        template.Requires(GraderRole.YoungAssessor).ShouldBeFalse();
    }

    [Fact]
    public void RefusesAGraderRoleThatDoesNotExist() =>
        Should.Throw<DomainRuleException>(() => new Template(
            Guid.NewGuid(), "Odd graders", [("I am listened to.", "")], new Target(Grade.Good, 65),
            [GraderRole.Auditor, (GraderRole)7], People.PrincipalSocialWorker, TestData.Now)).Field.ShouldBe("graders");
}
