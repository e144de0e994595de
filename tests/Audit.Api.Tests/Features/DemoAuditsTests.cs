using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

/// <summary>A fresh start with demo data gives every demo person something to do in the browser.</summary>
public sealed class DemoAuditsTests : IDisposable
{
    private readonly AuditApiFactory _factory = new(settings: new Dictionary<string, string?> { ["DemoData:Audits"] = "true" });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SeedsARoundInFlightThroughTheSameRequestsPeopleSend()
    {
        var scenario = new Scenario(_factory);
        var mine = async (AuditClient who) => (await who.GetOkAsync("/api/audits?mine=true")).AsArray()
            .Where(a => !a!["submitted"]!.GetValue<bool>()).Select(a => a.Str("state")).ToList();

        (await mine(scenario.YoungAssessor)).Count.ShouldBe(3);
        (await mine(scenario.Auditor)).Count.ShouldBe(2);
        var all = (await scenario.Psw.GetOkAsync("/api/audits")).AsArray();
        all.Count.ShouldBe(6);
        all.Count(a => a.Str("state") == "Moderation").ShouldBe(1);
        all.Count(a => a.Str("state") == "ActionsOpen").ShouldBe(2);
        (await _factory.ClientFor("cora.vane").GetOkAsync("/api/actions?mine=true")).AsArray().Single()!.Str("status").ShouldBe("Open");

        foreach (var audit in all)
        {
            var check = await scenario.Psw.GetOkAsync($"/api/audits/{audit.Id()}/history/verify");
            check["holds"]!.GetValue<bool>().ShouldBeTrue();
        }
    }

    [Fact]
    public async Task DoesNotSeedASecondRoundOnRestart()
    {
        await new Scenario(_factory).Psw.GetOkAsync("/api/audits");
        using var again = new AuditApiFactory(folder: _factory.Folder, settings: new Dictionary<string, string?> { ["DemoData:Audits"] = "true" });
        (await new Scenario(again).Psw.GetOkAsync("/api/audits")).AsArray().Count.ShouldBe(6);
    }
}
