using Audit.Domain.Grading;
using Audit.Domain.Tests.Builders;
using Audit.Domain.Users;

namespace Audit.Domain.Tests.Users;

public sealed class StaffMemberTests
{
    [Fact]
    public void HoldsEachRoleItIsGivenOnce()
    {
        var member = new StaffMember(People.TeamManager, "Tess Harrow", [Role.TeamManager, Role.Auditor, Role.TeamManager]);

        member.Roles.ShouldBe([Role.TeamManager, Role.Auditor]);
        member.IsIn(Role.Auditor).ShouldBeTrue();
        member.IsIn(Role.YoungAssessor).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Inspector")]
    [InlineData("auditor")]
    [InlineData(" Auditor")]
    [InlineData("")]
    public void RefusesARoleItDoesNotKnow(string role)
    {
        var error = Should.Throw<DomainRuleException>(() => new StaffMember(People.Auditor, "Ivan Quill", [Role.Auditor, role]));

        error.Field.ShouldBe("roles");
        error.Message.ShouldContain($"'{role}'");
    }

    [Fact]
    public void ShowsTheUserNameWhenThereIsNoDisplayName() =>
        new StaffMember(People.Auditor, "  ", [Role.Auditor]).DisplayName.ShouldBe(People.Auditor);

    [Fact]
    public void TrimsItsNamesAndKeepsItsTeam()
    {
        var teamId = Guid.NewGuid();

        var member = new StaffMember("  tess.harrow  ", "  Tess Harrow ", [Role.TeamManager], teamId);

        member.UserName.ShouldBe("tess.harrow");
        member.DisplayName.ShouldBe("Tess Harrow");
        member.TeamId.ShouldBe(teamId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void RefusesABlankUserName(string userName) =>
        Should.Throw<DomainRuleException>(() => new StaffMember(userName, "Nobody", [Role.Auditor])).Field.ShouldBe("userName");

    [Fact]
    public void KeepsTheUserNameInOneCaseSoThatItMatchesWithoutRegardToCase()
    {
        new StaffMember(" Ivan.QUILL ", "Ivan Quill", [Role.Auditor]).UserName.ShouldBe("ivan.quill");
        UserNames.CanonicalOrNull("IVAN.quill").ShouldBe(UserNames.CanonicalOrNull("ivan.quill "));
    }

    [Fact]
    public void RefusesABlankUserNameInAGraderPool() =>
        Should.Throw<DomainRuleException>(() => UserNames.Canonical(["ivan.quill", " "], "auditors")).Field.ShouldBe("auditors");

    [Fact]
    public void GradesOnlyInTheRolesItHolds()
    {
        var auditor = new StaffMember(People.Auditor, "Ivan Quill", [Role.Auditor]);

        auditor.MayGradeAs(GraderRole.Auditor).ShouldBeTrue();
        auditor.MayGradeAs(GraderRole.SecondAuditor).ShouldBeTrue();
        auditor.MayGradeAs(GraderRole.YoungAssessor).ShouldBeFalse();
        var error = Should.Throw<DomainRuleException>(() => auditor.EnsureMayGradeAs(GraderRole.YoungAssessor, "youngAssessor"));
        error.Field.ShouldBe("youngAssessor");
        error.Message.ShouldContain("cannot grade as a young assessor");
    }
}
