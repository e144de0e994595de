using System.Net;
using Audit.Api.Notifications;
using Audit.Api.Persistence;
using Audit.Api.Tests.Support;
using Audit.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Audit.Api.Tests.Features;

/// <summary>
/// The outbox with a mocked sender that fails, hangs or recovers: each failure waits out its backoff on the service's
/// clock (nothing is sent before the next attempt time), after the last attempt the message is parked and shown to the
/// PSW, and the PSW's "try again" sends it. Nothing is ever dropped.
/// </summary>
public sealed class OutboxRetryTests : IDisposable
{
    // Three attempts; waits of 60 s, then 100 s (120 s capped at 100 s); a send may take 30 s.
    private readonly Mock<INotificationSender> _sender = new();
    private readonly AuditApiFactory _factory;

    public OutboxRetryTests() => _factory = OutboxFactory(_sender, maxAttempts: 3);

    public void Dispose() => _factory.Dispose();

    public static AuditApiFactory OutboxFactory(Mock<INotificationSender> sender, int maxAttempts) => new(
        configureServices: s => s.AddSingleton(sender.Object),
        settings: new Dictionary<string, string?>
        {
            ["Timers:RunInBackground"] = "false",
            ["Notifications:DispatchInBackground"] = "false",
            ["Notifications:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:RetryBaseSeconds"] = "60",
            ["Notifications:RetryMaxSeconds"] = "100",
            ["Notifications:SendTimeoutSeconds"] = "30",
        });

    /// <summary>Writes one notification (and its outbox row) for the recipient, as a handler does, and answers the outbox row's id.</summary>
    public static async Task<long> OneMessageAsync(AuditApiFactory factory, string recipient = DemoUsers.Auditor)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Notifier>().Notify([recipient], NotificationKind.Reminder, "Two audits wait for your grades.");
            await scope.ServiceProvider.GetRequiredService<AuditDbContext>().SaveChangesAsync();
        }

        return await factory.WithDbAsync(db => db.Outbox.MaxAsync(m => m.Id));
    }

    private OutboxDispatcher Dispatcher => _factory.Services.GetRequiredService<OutboxDispatcher>();

    private Task<OutboxMessage> MessageAsync(long id) => _factory.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));

    private void SendsTimes(int times) =>
        _sender.Verify(s => s.SendAsync(It.IsAny<Notification>(), It.IsAny<CancellationToken>()), Times.Exactly(times));

    [Fact]
    public async Task AFailedSendIsNotTriedBeforeItsNextAttemptTimeAndSucceedsOnTheRetry()
    {
        _sender.SetupSequence(s => s.SendAsync(It.IsAny<Notification>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("Connection reset by the mail server."))
            .Returns(Task.CompletedTask);
        var id = await OneMessageAsync(_factory);

        (await Dispatcher.DispatchOnceAsync(CancellationToken.None)).ShouldBe(0);
        var failed = await MessageAsync(id);
        failed.Attempts.ShouldBe(1);
        failed.LastErrorKind.ShouldBe(OutboxErrorKinds.Unreachable);
        failed.NextAttemptAt.ShouldBe(AuditApiFactory.Start.AddSeconds(60));

        _factory.Clock.Advance(TimeSpan.FromSeconds(59));
        (await Dispatcher.DispatchOnceAsync(CancellationToken.None)).ShouldBe(0);
        SendsTimes(1);

        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        (await Dispatcher.DispatchOnceAsync(CancellationToken.None)).ShouldBe(1);
        SendsTimes(2);
        var sent = await MessageAsync(id);
        sent.SentAt.ShouldBe(AuditApiFactory.Start.AddSeconds(60));
        sent.ParkedAt.ShouldBeNull();
    }

    [Fact]
    public async Task ASendThatHangsIsCutOffAtTheTimeoutAndCountsAsAFailedAttempt()
    {
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sender.Setup(s => s.SendAsync(It.IsAny<Notification>(), It.IsAny<CancellationToken>()))
            .Returns((Notification _, CancellationToken ct) =>
            {
                called.TrySetResult();
                return Task.Delay(Timeout.Infinite, ct);
            });
        var id = await OneMessageAsync(_factory);

        var pass = Dispatcher.DispatchOnceAsync(CancellationToken.None);
        await called.Task.WaitAsync(TimeSpan.FromSeconds(30));
        pass.IsCompleted.ShouldBeFalse();
        _factory.Clock.Advance(TimeSpan.FromSeconds(30));

        (await pass.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0);
        var message = await MessageAsync(id);
        message.Attempts.ShouldBe(1);
        message.LastErrorKind.ShouldBe(OutboxErrorKinds.Timeout);
        message.SentAt.ShouldBeNull();
        message.NextAttemptAt.ShouldBe(AuditApiFactory.Start.AddSeconds(30 + 60));
    }

    [Fact]
    public async Task TheWaitDoublesUpToItsCapAndAfterTheLastAttemptTheMessageIsParkedNeverDropped()
    {
        _sender.Setup(s => s.SendAsync(It.IsAny<Notification>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("The mail server is down."));
        var id = await OneMessageAsync(_factory);

        await Dispatcher.DispatchOnceAsync(CancellationToken.None);
        (await MessageAsync(id)).NextAttemptAt.ShouldBe(AuditApiFactory.Start.AddSeconds(60));
        _factory.Clock.Advance(TimeSpan.FromSeconds(60));
        await Dispatcher.DispatchOnceAsync(CancellationToken.None);
        var second = await MessageAsync(id);
        second.Attempts.ShouldBe(2);
        second.NextAttemptAt.ShouldBe(AuditApiFactory.Start.AddSeconds(60 + 100));
        _factory.Clock.Advance(TimeSpan.FromSeconds(100));
        await Dispatcher.DispatchOnceAsync(CancellationToken.None);

        var parked = await MessageAsync(id);
        parked.Attempts.ShouldBe(3);
        parked.ParkedAt.ShouldBe(AuditApiFactory.Start.AddSeconds(160));
        parked.NextAttemptAt.ShouldBeNull();
        parked.LastErrorKind.ShouldBe(OutboxErrorKinds.Other);
        (await _factory.WithDbAsync(db => db.ChangeRecords.SingleAsync(c => c.Entity == nameof(OutboxMessage) && c.EntityKey == id.ToString())))
            .Operation.ShouldBe("Parked");

        _factory.Clock.Advance(TimeSpan.FromDays(2));
        await Dispatcher.DispatchOnceAsync(CancellationToken.None);
        SendsTimes(3);
        (await _factory.WithDbAsync(db => db.Outbox.CountAsync(m => m.Id == id))).ShouldBe(1);
    }

    [Fact]
    public async Task ThePswSeesParkedMessagesWithoutTheirWordsAndTryingAgainSendsThemAndIsRecorded()
    {
        _sender.Setup(s => s.SendAsync(It.IsAny<Notification>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("The mail server is down."));
        var id = await OneMessageAsync(_factory);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await Dispatcher.DispatchOnceAsync(CancellationToken.None);
            _factory.Clock.Advance(TimeSpan.FromSeconds(100));
        }

        var scenario = new Scenario(_factory);
        var listed = await scenario.Psw.GetAsync("/api/notifications/parked");
        listed.StatusCode.ShouldBe(HttpStatusCode.OK);
        listed.Headers.GetValues("X-Total-Count").Single().ShouldBe("1");
        var item = (await Scenario.AsJsonAsync(listed)).AsArray().Single()!;
        item["id"]!.GetValue<long>().ShouldBe(id);
        item.Str("recipient").ShouldBe(DemoUsers.Auditor);
        item.Str("kind").ShouldBe("Reminder");
        item["attempts"]!.GetValue<int>().ShouldBe(3);
        item.Str("lastErrorKind").ShouldBe(OutboxErrorKinds.Other);
        item.ToJsonString().ShouldNotContain("grades");
        item.ToJsonString().ShouldNotContain("mail server is down");
        (await scenario.Auditor.GetAsync("/api/notifications/parked")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await scenario.Auditor.PostAsync($"/api/notifications/parked/{id}/requeue", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        _sender.Reset();
        _sender.Setup(s => s.SendAsync(It.IsAny<Notification>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        await scenario.Psw.PostOkAsync($"/api/notifications/parked/{id}/requeue", new { });

        var requeued = await MessageAsync(id);
        requeued.ParkedAt.ShouldBeNull();
        requeued.Attempts.ShouldBe(0);
        var record = await _factory.WithDbAsync(db => db.ChangeRecords.SingleAsync(c => c.Entity == nameof(OutboxMessage) && c.Operation == "Requeued"));
        record.UserName.ShouldBe(DemoUsers.Psw);
        record.EntityKey.ShouldBe(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await Dispatcher.DispatchOnceAsync(CancellationToken.None)).ShouldBe(1);
        _sender.Verify(s => s.SendAsync(It.Is<Notification>(n => n.Recipient == DemoUsers.Auditor), It.IsAny<CancellationToken>()), Times.Once);
        (await scenario.Psw.GetOkAsync("/api/notifications/parked")).AsArray().ShouldBeEmpty();
        (await scenario.Psw.PostAsync($"/api/notifications/parked/{id}/requeue", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
