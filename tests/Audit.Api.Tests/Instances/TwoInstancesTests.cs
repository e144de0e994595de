using System.Collections.Concurrent;
using System.Net;
using Audit.Api.Notifications;
using Audit.Api.Tests.Support;
using Audit.Api.Workflows;
using Audit.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Instances;

/// <summary>
/// Two instances of the service on one database (on PostgreSQL, two hosts with their own connections; on SQLite, two
/// hosts in one process sharing the writer gate), each driving its own timers and outbox while people grade through
/// both: every timer fires once, every notification is sent once, no grading is lost.
/// </summary>
public sealed class TwoInstancesTests : IDisposable
{
    private static readonly DateTimeOffset RemindersDue = new(2026, 12, 13, 1, 0, 0, TimeSpan.Zero);

    private readonly SharedDataFolder _data = new();
    private readonly RecordingSender _sender = new();

    public void Dispose() => _data.Dispose();

    private AuditApiFactory Instance() => _data.Instance(s => s.AddSingleton<INotificationSender>(_sender));

    [Fact]
    public async Task TimersTheOutboxAndGradingsOnTwoInstancesDoubleNothingAndLoseNothing()
    {
        using var one = Instance();
        var scenario = new Scenario(one);
        var criteria = await scenario.CriterionIdsAsync();
        // 20 audits whose reminders come due, and 20 in a later round that people grade meanwhile.
        var reminded = await scenario.PlanRoundAsync(count: 20);
        var template = await scenario.DudleyTemplateAsync();
        var caseFiles = (await scenario.Psw.GetOkAsync("/api/case-files")).AsArray().Skip(20).Take(20).Select(c => c.Id()).ToList();
        var graded = (await scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Spring voice audit",
            templateId = template.Id(),
            dueOn = "2027-03-31",
            caseFileIds = caseFiles,
            auditor = DemoUsers.Auditor,
            youngAssessor = DemoUsers.YoungAssessor,
        })).Arr("auditIds").Select(a => Guid.Parse(a!.GetValue<string>())).ToList();

        using var two = Instance();
        two.CreateClient().Dispose();
        one.Clock.SetUtcNow(RemindersDue);
        two.Clock.SetUtcNow(RemindersDue);
        var instances = new[] { one, two };

        // Each grading through one instance or the other; the audits whose reminders fire are graded too, racing their
        // timers: a grading that loses to a timer answers 409 and is sent again, as a person would.
        var gradings = graded.Concat(reminded).Select((id, i) => GradeAsync(instances[i % 2].ClientFor(DemoUsers.Auditor), id, criteria)).ToList();
        var workers = instances.SelectMany(instance => new[] { RunTimersAsync(instance), DispatchAsync(instance) }).ToList();
        await Task.WhenAll(gradings.Concat(workers));

        // Whatever the last gradings wrote after the last passes goes out now, from either instance.
        await Task.WhenAll(instances.Select(i => i.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None)));

        var (timers, history, notifications, unsent, storedGradings) = await one.WithDbAsync(async db => (
            await db.AuditTimers.Where(t => reminded.Contains(t.AuditId) && t.Name == "remindGraders").ToListAsync(),
            await db.History.Where(h => reminded.Contains(h.AuditId) && h.Trigger == "timer:remindGraders").Select(h => h.AuditId).ToListAsync(),
            await db.Notifications.Select(n => new { n.Id, n.AuditId, n.Recipient, n.Kind }).ToListAsync(),
            await db.Outbox.CountAsync(m => m.SentAt == null),
            await db.Gradings.Where(g => graded.Contains(g.AuditId) || reminded.Contains(g.AuditId)).Select(g => g.AuditId).ToListAsync()));

        timers.Count.ShouldBe(20);
        timers.ShouldAllBe(t => t.FiredAt != null);
        history.Order().ShouldBe(reminded.Order(), "one reminder line in each audit's history");
        var reminders = notifications.Where(n => n.Kind == NotificationKind.Reminder).ToList();
        reminders.Select(n => n.AuditId).Distinct().Count().ShouldBe(20);
        reminders.GroupBy(n => (n.AuditId, n.Recipient)).ShouldAllBe(g => g.Count() == 1, "no one reminded twice about one audit");

        storedGradings.Order().ShouldBe(graded.Concat(reminded).Order(), "every grading answered 2xx is kept, once");
        unsent.ShouldBe(0);
        _sender.Sent.Count.ShouldBe(notifications.Count, "every notification sent once");
        _sender.Sent.Order().ShouldBe(notifications.Select(n => n.Id).Order());

        foreach (var id in reminded)
        {
            (await scenario.Psw.GetOkAsync($"/api/audits/{id}/history/verify"))["holds"]!.GetValue<bool>().ShouldBeTrue();
        }
    }

    [Fact]
    public async Task AMessageClaimedByAnInstanceThatStoppedIsSentByAnotherOnceTheClaimRunsOut()
    {
        using var one = Instance();
        var id = await Features.OutboxRetryTests.OneMessageAsync(one);
        // An instance claimed the message, then stopped before sending it.
        var claimedUntil = AuditApiFactory.Start.AddSeconds(300);
        await one.WithDbAsync(db => db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ClaimedBy, "stopped-instance")
            .SetProperty(m => m.ClaimedUntil, claimedUntil)));
        using var two = Instance();
        var dispatcher = two.Services.GetRequiredService<OutboxDispatcher>();

        (await dispatcher.DispatchOnceAsync(CancellationToken.None)).ShouldBe(0);
        two.Clock.SetUtcNow(claimedUntil);

        (await dispatcher.DispatchOnceAsync(CancellationToken.None)).ShouldBe(1);
        (await dispatcher.DispatchOnceAsync(CancellationToken.None)).ShouldBe(0);
        _sender.Sent.Count.ShouldBe(1);
        var message = await two.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));
        message.SentAt.ShouldNotBeNull();
        message.ClaimedBy.ShouldBeNull();
    }

    private static async Task GradeAsync(AuditClient client, Guid auditId, IReadOnlyList<Guid> criteria)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await client.PostAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
            if (response.StatusCode == HttpStatusCode.Conflict && attempt < 10)
            {
                continue;
            }

            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return;
        }
    }

    private static async Task RunTimersAsync(AuditApiFactory instance)
    {
        var runner = instance.Services.GetRequiredService<TimerRunner>();
        for (var pass = 0; pass < 5; pass++)
        {
            await runner.RunDueAsync(CancellationToken.None);
            await Task.Delay(20);
        }
    }

    private static async Task DispatchAsync(AuditApiFactory instance)
    {
        var dispatcher = instance.Services.GetRequiredService<OutboxDispatcher>();
        for (var pass = 0; pass < 5; pass++)
        {
            await dispatcher.DispatchOnceAsync(CancellationToken.None);
            await Task.Delay(20);
        }
    }

    /// <summary>Every notification the instances sent, in the order they went; shared by both.</summary>
    private sealed class RecordingSender : INotificationSender
    {
        public ConcurrentQueue<Guid> Sent { get; } = new();

        public async Task SendAsync(Notification notification, CancellationToken ct)
        {
            // A send takes a moment, as a mail server's does: long enough for the other instance to try the same message.
            await Task.Delay(1, ct);
            Sent.Enqueue(notification.Id);
        }
    }
}
