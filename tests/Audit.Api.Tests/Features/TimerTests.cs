using Audit.Api.Tests.Support;
using Audit.Api.Workflows;
using Audit.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

/// <summary>Workflow timers on a fake clock: reminders before the round is due, escalation of overdue actions.</summary>
public sealed class TimerTests : IDisposable
{
    private readonly SharedDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    private AuditApiFactory Factory() => _data.Instance();

    private static Task<int> RunDueAsync(AuditApiFactory factory) =>
        factory.Services.GetRequiredService<TimerRunner>().RunDueAsync(CancellationToken.None);

    private static Task<List<Notification>> NotificationsAsync(AuditApiFactory factory, NotificationKind kind) =>
        factory.WithDbAsync(db => db.Notifications.Where(n => n.Kind == kind).ToListAsync());

    [Fact]
    public async Task RemindsOnlyTheGradersStillToSubmitFiveDaysBeforeTheRoundIsDueAndOnlyOnce()
    {
        using var factory = Factory();
        var scenario = new Scenario(factory);
        var criteria = await scenario.CriterionIdsAsync();
        var auditId = (await scenario.PlanRoundAsync()).Single();
        await scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        (await RunDueAsync(factory)).ShouldBe(0);
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 13, 1, 0, 0, TimeSpan.Zero));
        (await RunDueAsync(factory)).ShouldBe(1);
        (await RunDueAsync(factory)).ShouldBe(0);

        (await NotificationsAsync(factory, NotificationKind.Reminder)).Select(n => n.Recipient).ShouldBe([DemoUsers.YoungAssessor]);
        var audit = await scenario.Psw.GetOkAsync($"/api/audits/{auditId}");
        audit.Arr("history")[^1]!.Str("trigger").ShouldBe("timer:remindGraders");
        audit.Str("state").ShouldBe("Grading");
    }

    [Fact]
    public async Task EscalatesAnOverdueActionToTheServiceManagerThenAgain()
    {
        using var factory = Factory();
        var scenario = new Scenario(factory);
        var criteria = await scenario.CriterionIdsAsync();
        var auditId = (await scenario.PlanRoundAsync()).Single();
        await scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good", (3, "RequiresImprovement")));
        await scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        (await RunDueAsync(factory)).ShouldBe(1);
        var action = (await scenario.Psw.GetOkAsync($"/api/audits/{auditId}")).Arr("actions").Single()!;
        action.Str("status").ShouldBe("Escalated");
        action["overdue"]!.GetValue<bool>().ShouldBeTrue();
        (await NotificationsAsync(factory, NotificationKind.Escalation)).Select(n => n.Recipient).ShouldBe([DemoUsers.ServiceManager]);

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 15, 1, 0, 0, TimeSpan.Zero));
        (await RunDueAsync(factory)).ShouldBe(1);
        (await NotificationsAsync(factory, NotificationKind.Escalation)).Count.ShouldBe(2);
        (await factory.WithDbAsync(db => db.Actions.SingleAsync())).EscalationLevel.ShouldBe(2);

        var closed = await factory.ClientFor(action.Str("assignee")).PostOkAsync($"/api/actions/{action.Id()}/close", new { whatChanged = "The review now records the child's words." });
        closed.Str("status").ShouldBe("Closed");
        (await scenario.Psw.GetOkAsync($"/api/audits/{auditId}")).Str("state").ShouldBe("Completed");
        (await scenario.Psw.GetOkAsync($"/api/audits/{auditId}/history/verify"))["holds"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task ATimerOfAStateTheAuditHasLeftNeverFires()
    {
        using var factory = Factory();
        var scenario = new Scenario(factory);
        var criteria = await scenario.CriterionIdsAsync();
        var auditId = (await scenario.PlanRoundAsync()).Single();
        await scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        await scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        factory.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero));

        (await RunDueAsync(factory)).ShouldBe(0);
        (await factory.WithDbAsync(db => db.AuditTimers.SingleAsync())).CancelledAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task ATimerSurvivesARestart()
    {
        using (var first = Factory())
        {
            await new Scenario(first).PlanRoundAsync();
        }

        using var second = Factory();
        second.CreateClient().Dispose();
        second.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 13, 1, 0, 0, TimeSpan.Zero));

        (await RunDueAsync(second)).ShouldBe(1);
        (await NotificationsAsync(second, NotificationKind.Reminder)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabaseFireATimerOnce()
    {
        using var one = Factory();
        await new Scenario(one).PlanRoundAsync(count: 3);
        using var two = Factory();
        two.CreateClient().Dispose();
        var due = new DateTimeOffset(2026, 12, 13, 1, 0, 0, TimeSpan.Zero);
        one.Clock.SetUtcNow(due);
        two.Clock.SetUtcNow(due);

        var fired = await Task.WhenAll(RunDueAsync(one), RunDueAsync(two), RunDueAsync(one), RunDueAsync(two));

        fired.Sum().ShouldBe(3);
        (await NotificationsAsync(one, NotificationKind.Reminder)).Count.ShouldBe(6);
        (await one.WithDbAsync(db => db.AuditTimers.CountAsync(t => t.FiredAt != null))).ShouldBe(3);
    }
}
