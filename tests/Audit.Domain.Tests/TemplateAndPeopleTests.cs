using Audit.Domain.Grading;
using Audit.Domain.Rounds;
using Audit.Domain.Templates;
using Audit.Domain.Tests.Builders;
using Audit.Domain.Users;

namespace Audit.Domain.Tests;

public sealed class TemplateAndPeopleTests
{
    [Fact]
    public void ATemplateKeepsItsCriteriaInOrderWithTheirOwnIds()
    {
        var template = A.Template(criteria: 6);

        template.Criteria.Select(c => c.Position).ShouldBe([0, 1, 2, 3, 4, 5]);
        template.Criteria.Select(c => c.Id).Distinct().Count().ShouldBe(6);
        template.Requires(GraderRole.YoungAssessor).ShouldBeTrue();
    }

    [Fact]
    public void ATemplateNeedsCriteriaWithTitles()
    {
        Should.Throw<DomainRuleException>(() => new Template(Guid.NewGuid(), "Empty", [], new Target(Grade.Good, 65), [GraderRole.Auditor], "ada.winslow", A.Now))
            .Field.ShouldBe("criteria");
        Should.Throw<DomainRuleException>(() => new Template(Guid.NewGuid(), "Blank", [("  ", "")], new Target(Grade.Good, 65), [GraderRole.Auditor], "ada.winslow", A.Now))
            .Field.ShouldBe("criteria[0].title");
    }

    [Fact]
    public void ATemplateIsAlwaysGradedByAnAuditor() =>
        Should.Throw<DomainRuleException>(() => new Template(Guid.NewGuid(), "Peer", [("Listened to", "")], new Target(Grade.Good, 65), [GraderRole.YoungAssessor], "ada.winslow", A.Now))
            .Field.ShouldBe("graders");

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void ATargetPercentageIsBetweenOneAndAHundred(int percent) =>
        Should.Throw<DomainRuleException>(() => new Target(Grade.Good, percent)).Field.ShouldBe("target.percent");

    [Fact]
    public void ATargetIsMetByItsGradeOrBetter()
    {
        var target = new Target(Grade.Good, 65);

        target.IsMetBy(Grade.Outstanding).ShouldBeTrue();
        target.IsMetBy(Grade.Good).ShouldBeTrue();
        target.IsMetBy(Grade.RequiresImprovement).ShouldBeFalse();
    }

    [Fact]
    public void GradesArePointsApart()
    {
        Grade.Outstanding.PointsApart(Grade.RequiresImprovement).ShouldBe(2);
        Grade.Inadequate.IsBelow(Grade.Good).ShouldBeTrue();
        ((Grade)0).IsDefined().ShouldBeFalse();
    }

    [Fact]
    public void ARoundIsNotDueInThePast() =>
        Should.Throw<DomainRuleException>(() => new Round(Guid.NewGuid(), "Late", Guid.NewGuid(), new DateOnly(2026, 11, 1), "ada.winslow", A.Now))
            .Field.ShouldBe("dueOn");

    [Fact]
    public void AStaffMemberHoldsOnlyKnownRoles()
    {
        var member = new StaffMember("tess.harrow", "Tess Harrow", [Role.TeamManager, Role.Auditor]);

        member.IsIn(Role.Auditor).ShouldBeTrue();
        member.IsIn(Role.YoungAssessor).ShouldBeFalse();
        Should.Throw<DomainRuleException>(() => new StaffMember("x", "X", ["Inspector"]));
    }
}
