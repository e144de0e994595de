using Audit.Domain.Teams;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Teams;

public sealed class TeamTests
{
    [Fact]
    public void KeepsItsManagersTrimmed()
    {
        var team = new Team(Guid.NewGuid(), " Brookfield Early Help ", ServiceArea.EarlyHelp, " tess.harrow ", " sam.rook ");

        team.Name.ShouldBe("Brookfield Early Help");
        team.TeamManager.ShouldBe(People.TeamManager);
        team.ServiceManager.ShouldBe(People.ServiceManager);
    }

    [Theory]
    [InlineData("", People.TeamManager, People.ServiceManager, "name")]
    [InlineData("Brookfield Early Help", " ", People.ServiceManager, "teamManager")]
    [InlineData("Brookfield Early Help", People.TeamManager, "", "serviceManager")]
    public void NeedsANameAndBothManagers(string name, string teamManager, string serviceManager, string field) =>
        Should.Throw<DomainRuleException>(() => new Team(Guid.NewGuid(), name, ServiceArea.EarlyHelp, teamManager, serviceManager))
            .Field.ShouldBe(field);
}
