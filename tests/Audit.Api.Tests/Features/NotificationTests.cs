using System.Collections.Concurrent;
using System.Net;
using Audit.Api.Notifications;
using Audit.Api.Tests.Support;
using Audit.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

public sealed class NotificationTests : IDisposable
{
    private readonly SharedDataFolder _data = new();
    private readonly RecordingSender _sender = new();

    public void Dispose() => _data.Dispose();

    private AuditApiFactory Factory() => _data.Instance(s => s.AddSingleton<INotificationSender>(_sender));

    [Fact]
    public async Task EachGraderHearsOnceAboutTheirRoundAndTheMessageNamesNoChild()
    {
        using var factory = Factory();
        var scenario = new Scenario(factory);
        await scenario.PlanRoundAsync(count: 3);

        var auditorList = await scenario.Auditor.GetOkAsync("/api/notifications");
        var youngList = await scenario.YoungAssessor.GetOkAsync("/api/notifications?unread=true");

        auditorList.AsArray().ShouldHaveSingleItem()!.Str("message").ShouldContain("3 case file(s) to grade in \"Autumn voice audit\"");
        var young = youngList.AsArray().ShouldHaveSingleItem()!;
        young.Str("kind").ShouldBe("Assignment");
        young.Str("message").ShouldNotContain("CF-");
    }

    [Fact]
    public async Task TheWorkflowTellsThePswAboutModerationAndTheTeamManagerAboutActions()
    {
        using var factory = Factory();
        var scenario = new Scenario(factory);
        var criteria = await scenario.CriterionIdsAsync();
        var audits = await scenario.PlanRoundAsync(count: 2);
        await scenario.Auditor.PostOkAsync($"/api/audits/{audits[0]}/gradings", Scenario.Grading(criteria, "Good", (0, "Inadequate")));
        await scenario.YoungAssessor.PostOkAsync($"/api/audits/{audits[0]}/gradings", Scenario.Grading(criteria, "Good"));
        await scenario.Auditor.PostOkAsync($"/api/audits/{audits[1]}/gradings", Scenario.Grading(criteria, "Good", (1, "RequiresImprovement")));
        await scenario.YoungAssessor.PostOkAsync($"/api/audits/{audits[1]}/gradings", Scenario.Grading(criteria, "Good"));
        var teamManager = (await scenario.Psw.GetOkAsync($"/api/audits/{audits[1]}")).Arr("actions").Single()!.Str("assignee");

        var forPsw = (await scenario.Psw.GetOkAsync("/api/notifications")).AsArray();
        var forTeamManager = (await factory.ClientFor(teamManager).GetOkAsync("/api/notifications")).AsArray();

        forPsw.ShouldContain(n => n.Str("kind") == "ModerationNeeded" && n.Id("auditId") == audits[0]);
        forTeamManager.ShouldContain(n => n.Str("kind") == "ActionRaised" && n.Id("auditId") == audits[1]);
    }

    [Fact]
    public async Task MarkingReadTakesItOffTheUnreadListAndOthersCannotTouchIt()
    {
        using var factory = Factory();
        var scenario = new Scenario(factory);
        await scenario.PlanRoundAsync();
        var mine = (await scenario.Auditor.GetOkAsync("/api/notifications")).AsArray().Single()!;

        (await scenario.YoungAssessor.PostAsync($"/api/notifications/{mine.Id()}/read", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await scenario.Auditor.PostOkAsync($"/api/notifications/{mine.Id()}/read", new { }))["read"]!.GetValue<bool>().ShouldBeTrue();

        (await scenario.Auditor.GetOkAsync("/api/notifications?unread=true")).AsArray().ShouldBeEmpty();
        (await scenario.Auditor.GetOkAsync("/api/notifications")).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task NothingInTheOutboxIsLostWhenTheServiceStopsBeforeSending()
    {
        using (var first = Factory())
        {
            await new Scenario(first).PlanRoundAsync();
        }

        _sender.Sent.ShouldBeEmpty();
        using var second = Factory();
        second.CreateClient().Dispose();

        var sent = await second.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None);

        sent.ShouldBe(2);
        _sender.Sent.Select(n => n.Recipient).ShouldBe([DemoUsers.Auditor, DemoUsers.YoungAssessor], ignoreOrder: true);
        (await second.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None)).ShouldBe(0);
        _sender.Sent.Count.ShouldBe(2);
    }

    [Fact]
    public async Task AFailedSendIsCountedAndTriedAgainOnceItsWaitIsOver()
    {
        using var factory = Factory();
        await new Scenario(factory).PlanRoundAsync();
        var dispatcher = factory.Services.GetRequiredService<OutboxDispatcher>();

        _sender.FailNext = 2;
        (await dispatcher.DispatchOnceAsync(CancellationToken.None)).ShouldBe(0);
        (await factory.WithDbAsync(db => db.Outbox.Select(m => m.Attempts).ToListAsync())).ShouldAllBe(a => a == 1);
        (await dispatcher.DispatchOnceAsync(CancellationToken.None)).ShouldBe(0);

        factory.Clock.Advance(TimeSpan.FromSeconds(new NotificationOptions().RetryBaseSeconds));
        (await dispatcher.DispatchOnceAsync(CancellationToken.None)).ShouldBe(2);
        (await factory.WithDbAsync(db => db.Outbox.CountAsync(m => m.SentAt == null))).ShouldBe(0);
    }

    private sealed class RecordingSender : INotificationSender
    {
        public ConcurrentQueue<Notification> Sent { get; } = new();

        public int FailNext { get; set; }

        public Task SendAsync(Notification notification, CancellationToken ct)
        {
            if (FailNext > 0)
            {
                FailNext--;
                throw new InvalidOperationException("The mail server is down.");
            }

            Sent.Enqueue(notification);
            return Task.CompletedTask;
        }
    }
}
