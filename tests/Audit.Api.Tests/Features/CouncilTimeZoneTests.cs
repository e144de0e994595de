using Audit.Api.Tests.Support;
using Audit.Api.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Audit.Api.Tests.Features;

/// <summary>
/// Due dates are counted in the council's time zone (Europe/London), not UTC: an action due "in 28 days" is due on the
/// council's day 28 days on and is overdue from the end of that day in London, across the change of clocks.
/// </summary>
public sealed class CouncilTimeZoneTests
{
    private static AuditApiFactory FactoryStartingAt(FakeTimeProvider clock) =>
        new(
            configureServices: services => services.AddSingleton<TimeProvider>(clock),
            settings: new Dictionary<string, string?> { ["Timers:RunInBackground"] = "false", ["Notifications:DispatchInBackground"] = "false" });

    private static Task<int> RunDueTimersAsync(AuditApiFactory factory) =>
        factory.Services.GetRequiredService<TimerRunner>().RunDueAsync(CancellationToken.None);

    /// <summary>Plans one audit and has both graders grade it so that one action is raised at <paramref name="raisedAt"/>.</summary>
    private static async Task<System.Text.Json.Nodes.JsonNode> RaiseAnActionAtAsync(AuditApiFactory factory, FakeTimeProvider clock, DateTimeOffset raisedAt)
    {
        var scenario = new Scenario(factory);
        var criteria = await scenario.CriterionIdsAsync();
        var auditId = (await scenario.PlanRoundAsync()).Single();
        await scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good", (2, "RequiresImprovement")));
        clock.SetUtcNow(raisedAt);
        await scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        return (await scenario.Psw.GetOkAsync($"/api/audits/{auditId}")).Arr("actions").Single()!;
    }

    [Fact]
    public async Task AnActionRaisedJustAfterMidnightBstIsDueTwentyEightLondonDaysOn()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero));
        using var factory = FactoryStartingAt(clock);

        // 23:30 UTC on 24 October is 00:30 BST on Sunday 25 October in London, the day the clocks go back.
        var action = await RaiseAnActionAtAsync(factory, clock, new DateTimeOffset(2026, 10, 24, 23, 30, 0, TimeSpan.Zero));

        action.Str("dueOn").ShouldBe("2026-11-22");
    }

    [Fact]
    public async Task AnActionDueOnADayInBstIsOverdueAndEscalatedFromMidnightLondonTime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 20, 9, 0, 0, TimeSpan.Zero));
        using var factory = FactoryStartingAt(clock);
        var psw = new Scenario(factory).Psw;

        // Raised on 1 March (GMT), due 28 days on: Sunday 29 March, the day the clocks go forward.
        var action = await RaiseAnActionAtAsync(factory, clock, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        action.Str("dueOn").ShouldBe("2026-03-29");

        // 22:59 UTC on 29 March is 23:59 BST: still the due day.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 29, 22, 59, 0, TimeSpan.Zero));
        (await RunDueTimersAsync(factory)).ShouldBe(0);
        (await psw.GetOkAsync($"/api/actions/{action.Id()}"))["overdue"]!.GetValue<bool>().ShouldBeFalse();

        // 23:00 UTC is midnight in London: the due day has ended, an hour before it ends in UTC.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 29, 23, 0, 0, TimeSpan.Zero));
        (await RunDueTimersAsync(factory)).ShouldBe(1);
        var escalated = await psw.GetOkAsync($"/api/actions/{action.Id()}");
        escalated["overdue"]!.GetValue<bool>().ShouldBeTrue();
        escalated.Str("status").ShouldBe("Escalated");
    }
}
