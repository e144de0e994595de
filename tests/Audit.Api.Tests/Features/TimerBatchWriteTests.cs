using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Audit.Api.Persistence;
using Audit.Api.Tests.Support;
using Audit.Api.Workflows;
using Audit.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Audit.Api.Tests.Features;

/// <summary>
/// The timer runner's lean write (on PostgreSQL, a batch's rows written set-based rather than through EF's save): the
/// same escalations fired in a second council by two services, one writing set-based and one through EF's save, leave
/// the same rows (history lines chained on, change records saying who, what and when, notifications and their outbox
/// rows, the council stamped on each), each fired once. On SQLite both save through EF, and the rows still match.
/// </summary>
public sealed partial class TimerBatchWriteTests
{
    private const string North = "north";

    [Fact]
    public async Task ABatchOfEscalationsWrittenSetBasedLeavesTheSameRowsAsEfsSaveEachOnceInItsCouncil()
    {
        var lean = await FireEscalationsAsync(leanWrite: true);
        var saved = await FireEscalationsAsync(leanWrite: false);

        lean.Rows.ShouldBe(saved.Rows);
        lean.Writes.ShouldAllBe(w => w.EndsWith(TestDatabase.IsPostgres ? "(set-based)" : "(EF's save)", StringComparison.Ordinal));
        saved.Writes.ShouldAllBe(w => w.EndsWith("(EF's save)", StringComparison.Ordinal));
        lean.Writes.Count.ShouldBe(1, "the three escalations are one batch");
    }

    /// <summary>Raises three actions in north, lets them fall overdue and fires their escalations in one pass; answers the rows it left, ids left out.</summary>
    private static async Task<(List<string> Rows, List<string> Writes)> FireEscalationsAsync(bool leanWrite)
    {
        var log = new DebugLog();
        using var factory = new AuditApiFactory(
            configureServices: s => s.AddSingleton<ILoggerProvider>(log),
            settings: new Dictionary<string, string?>
            {
                ["Tenancy:Councils:0"] = North,
                ["Timers:RunInBackground"] = "false",
                ["Notifications:DispatchInBackground"] = "false",
                ["Timers:LeanWrite"] = leanWrite ? "true" : "false",
                ["Logging:LogLevel:Audit.Api.Workflows.TimerRunner"] = "Debug",
            });
        await factory.SeedCouncilAsync(North);
        var scenario = new Scenario(factory, North);
        var actions = new List<RaisedAction>();
        for (var i = 0; i < 3; i++)
        {
            actions.Add(await scenario.RaiseActionAsync(factory, skip: i));
        }

        var audits = actions.Select(a => a.AuditId).ToList();
        var firedAt = new DateTimeOffset(actions.Max(a => a.DueOn).AddDays(1).ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
        factory.Clock.SetUtcNow(firedAt);
        var runner = factory.Services.GetRequiredService<TimerRunner>();
        (await runner.RunDueAsync(CancellationToken.None)).ShouldBe(3);
        (await runner.RunDueAsync(CancellationToken.None)).ShouldBe(0, "each timer fires once");

        foreach (var audit in audits)
        {
            (await scenario.Psw.GetOkAsync($"/api/audits/{audit}/history/verify"))["holds"]!.GetValue<bool>().ShouldBeTrue();
        }

        var rows = await factory.WithDbAsync(
            async db =>
            {
                var council = (object o) => (string?)db.Entry(o).Property("CouncilId").CurrentValue;
                var history = await db.History.IgnoreQueryFilters().Where(h => audits.Contains(h.AuditId) && h.At == firedAt).OrderBy(h => h.AuditId).ToListAsync();
                var changes = await db.ChangeRecords.IgnoreQueryFilters().Where(c => c.At == firedAt).ToListAsync();
                var notifications = await db.Notifications.IgnoreQueryFilters().Where(n => n.CreatedAt == firedAt).ToListAsync();
                var notificationIds = notifications.Select(n => n.Id).ToList();
                var outbox = await db.Outbox.IgnoreQueryFilters().Where(m => notificationIds.Contains(m.NotificationId)).ToListAsync();
                var escalated = await db.Actions.IgnoreQueryFilters().Where(a => audits.Contains(a.AuditId)).ToListAsync();
                var timers = await db.AuditTimers.IgnoreQueryFilters().Where(t => audits.Contains(t.AuditId) && t.FiredAt == firedAt).ToListAsync();
                var stored = await db.Audits.IgnoreQueryFilters().Where(a => audits.Contains(a.Id)).ToListAsync();

                history.Count.ShouldBe(3, "one history line for each escalation");
                history.ShouldAllBe(h => h.Trigger == "timer:escalateOverdue" && h.By == "system");
                changes.Select(c => c.Entity).Distinct().Order().ShouldBe(["CaseFileAudit", "FollowUpAction", "Notification"]);
                changes.Count.ShouldBe(9, "one change record a firing for the audit (its timer and history line with it), the action and the notification");
                changes.ShouldAllBe(c => c.UserName == "system" && c.EntityKey.Length > 0 && (c.Operation == "Added" || c.Changes != null));
                changes.Single(c => c.Entity == "CaseFileAudit" && c.EntityKey == audits[0].ToString()).Changes!.ShouldContain("HistoryEntry");
                changes.Single(c => c.Entity == "CaseFileAudit" && c.EntityKey == audits[0].ToString()).Changes!.ShouldContain("AuditTimer");
                notifications.Where(n => n.Kind == NotificationKind.Escalation).Select(n => n.ActionId).Order().ShouldBe(escalated.Select(a => (Guid?)a.Id).Order(), "one escalation for each action");
                outbox.Count.ShouldBe(notifications.Count, "one outbox row for each notification");
                new object[][] { [.. history], [.. changes], [.. notifications], [.. outbox], [.. escalated], [.. timers], [.. stored] }
                    .SelectMany(r => r).ShouldAllBe(r => council(r) == North);

                return history.Select(h => $"history {h.Sequence} {h.At.UtcTicks} {h.By} {h.Trigger} {h.FromState} {h.ToState} {h.Detail} {council(h)}")
                    .Concat(changes.Select(c => $"change {c.At.UtcTicks} {c.UserName} {c.Entity} {c.Operation} {WithoutIds(c.Changes)} {council(c)}"))
                    .Concat(notifications.Select(n => $"notification {n.Recipient} {n.Kind} {n.Message} {n.CreatedAt.UtcTicks} {n.AuditId is not null} {n.ActionId is not null} {n.ReadAt} {council(n)}"))
                    .Concat(outbox.Select(m => $"outbox {m.CreatedAt.UtcTicks} {m.SentAt} {m.Attempts} {m.ClaimedBy} {m.Version} {council(m)}"))
                    .Concat(escalated.Select(a => $"action {a.Status} {a.EscalationLevel} {a.EscalatedAt?.UtcTicks} {a.Version} {council(a)}"))
                    .Concat(timers.Select(t => $"timer {t.Name} {t.State} {t.FiredAt?.UtcTicks} {t.CancelledAt} {t.Version} {council(t)}"))
                    .Concat(stored.Select(a => $"audit {a.State} {a.Version} {a.HistoryLength} {a.HistoryHead.Length} {council(a)}"))
                    .Order(StringComparer.Ordinal)
                    .ToList();
            },
            North);
        return (rows, log.Lines.Where(l => l.Contains("ms to save", StringComparison.Ordinal)).ToList());
    }

    private static string? WithoutIds(string? changes) => changes is null ? null : Guids().Replace(changes, "{id}");

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guids();

    /// <summary>The timer runner's debug lines.</summary>
    private sealed class DebugLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName == typeof(TimerRunner).FullName ? Lines : null);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string>? lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => lines is not null;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines?.Enqueue(formatter(state, exception));
        }
    }
}
