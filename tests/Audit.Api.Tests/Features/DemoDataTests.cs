using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

public sealed class DemoDataTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SeedsTheDudleyTemplateWithItsSixPrinciplesAndTarget()
    {
        var template = await new Scenario(_factory).DudleyTemplateAsync();

        template.Arr("criteria").Select(c => c.Str("title")).ShouldBe(
        [
            "I am listened to.",
            "My worker knows me and understands my needs.",
            "I am involved in decisions about me.",
            "Professionals do what they say they are going to do and keep me informed.",
            "The service or support I receive is good and meets my needs.",
            "I have been listened to about how services could be made better.",
        ]);
        template["target"].Str("atLeast").ShouldBe("Good");
        template["target"]!["percent"]!.GetValue<int>().ShouldBe(65);
        template.Arr("graders").Select(g => g!.GetValue<string>()).ShouldBe(["Auditor", "YoungAssessor"]);
        template.Arr("gradeScale").Select(g => g!.GetValue<string>()).ShouldBe(["Outstanding", "Good", "RequiresImprovement", "Inadequate"]);
    }

    [Fact]
    public async Task SeedsTeamsInEveryServiceAreaEachWithItsManagerAndFortyCaseFiles()
    {
        var psw = _factory.ClientFor(DemoUsers.Psw);

        var teams = (await psw.GetOkAsync("/api/teams")).AsArray();
        var caseFiles = (await psw.GetOkAsync("/api/case-files")).AsArray();

        teams.Select(t => t.Str("serviceArea")).Distinct().Count().ShouldBe(6);
        teams.ShouldAllBe(t => !string.IsNullOrEmpty(t!["teamManager"]!.GetValue<string>()));
        teams.Select(t => t.Str("serviceManager")).Distinct().Count().ShouldBe(2);
        caseFiles.Count.ShouldBeGreaterThanOrEqualTo(40);
        caseFiles.Select(c => c.Str("teamId")).Distinct().Count().ShouldBe(teams.Count);
    }
}
