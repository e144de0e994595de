using System.Diagnostics;
using System.Diagnostics.Metrics;
using Audit.Api.Persistence;
using Audit.Domain.Grading;
using Audit.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Infrastructure.Telemetry;

/// <summary>
/// The service's own instruments, in one place: the "Audit" activity source and meter. Tags say what kind of thing
/// happened (a workflow's name, a trigger, a role, an outcome), never who or which child: no names, references, user
/// names, free text or ids of case files go in a tag or a span. With nothing listening (no exporter configured) each
/// record is one check of <see cref="Instrument.Enabled"/>.
/// </summary>
public sealed class AuditTelemetry
{
    public const string Name = "Audit";

    public const string Transitions = "audit.workflow.transitions";
    public const string TimerLag = "audit.workflow.timer.lag";
    public const string OutboxBacklog = "audit.outbox.backlog";
    public const string OutboxOldestAge = "audit.outbox.oldest_age";
    public const string OutboxParked = "audit.outbox.parked";
    public const string ImportRows = "audit.import.rows";
    public const string GradingsSubmitted = "audit.gradings.submitted";

    /// <summary>The spans of work no request starts (timer and outbox passes); requests get ASP.NET Core's spans.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>The outbox is counted at most once a second, however many gauges and readers ask.</summary>
    private static readonly TimeSpan OutboxSnapshotLifetime = TimeSpan.FromSeconds(1);

    private readonly Counter<long> _transitions;
    private readonly Histogram<double> _timerLag;
    private readonly Counter<long> _importRows;
    private readonly Counter<long> _gradings;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly Lock _outboxLock = new();
    private OutboxSnapshot? _outbox;

    public AuditTelemetry(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock)
    {
        _scopes = scopes;
        _clock = clock;
        Meter = meters.Create(Name);
        _transitions = Meter.CreateCounter<long>(Transitions, "{trigger}", "Triggers fired at audits, by workflow definition, trigger and outcome.");
        _timerLag = Meter.CreateHistogram(
            TimerLag,
            "s",
            "How long after it came due a workflow timer fired.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 900, 3600, 21600, 86400] });
        _importRows = Meter.CreateCounter<long>(ImportRows, "{row}", "Rows of CSV imports, by import and outcome (created, updated, unchanged, rejected).");
        _gradings = Meter.CreateCounter<long>(GradingsSubmitted, "{grading}", "Gradings submitted, by the grader's role.");
        Meter.CreateObservableGauge(OutboxBacklog, () => ObserveOutbox(o => o.Backlog), "{message}", "Notifications in the outbox waiting to be sent (not parked).");
        Meter.CreateObservableGauge(OutboxOldestAge, () => ObserveOutbox(o => o.OldestAgeSeconds), "s", "Age of the oldest notification waiting to be sent (0 when none waits).");
        Meter.CreateObservableGauge(OutboxParked, () => ObserveOutbox(o => o.Parked), "{message}", "Notifications the outbox gave up sending (parked), waiting for someone to send them again.");
    }

    public Meter Meter { get; }

    /// <summary>
    /// The runtime's answer to a trigger fired at an audit following <paramref name="definition"/>. A refusal is counted as
    /// it is given (nothing is saved for it); a transition once <paramref name="db"/> commits it, so that a request whose
    /// save fails (another change saved first) or is rolled back counts nothing.
    /// </summary>
    public void Fired(AuditDbContext db, string definition, string trigger, FireResult result)
    {
        if (!_transitions.Enabled)
        {
            return;
        }

        var outcome = Outcome(result);
        if (result is Transitioned)
        {
            db.AfterCommit(() => CountTransition(definition, trigger, outcome));
        }
        else
        {
            CountTransition(definition, trigger, outcome);
        }
    }

    private void CountTransition(string definition, string trigger, string outcome) =>
        _transitions.Add(
            1,
            new KeyValuePair<string, object?>("workflow.definition", definition),
            new KeyValuePair<string, object?>("workflow.trigger", trigger),
            new KeyValuePair<string, object?>("workflow.outcome", outcome));

    /// <summary>A timer that was due at <paramref name="dueAt"/> fired (and was saved) at <paramref name="firedAt"/>.</summary>
    public void TimerFired(string definition, string timer, DateTimeOffset dueAt, DateTimeOffset firedAt)
    {
        if (_timerLag.Enabled)
        {
            _timerLag.Record(
                Math.Max(0, (firedAt - dueAt).TotalSeconds),
                new KeyValuePair<string, object?>("workflow.definition", definition),
                new KeyValuePair<string, object?>("workflow.timer", timer));
        }
    }

    public void GradingSubmitted(GraderRole role)
    {
        if (_gradings.Enabled)
        {
            _gradings.Add(1, new KeyValuePair<string, object?>("grader.role", RoleTag(role)));
        }
    }

    /// <summary>
    /// Runs a CSV import (<paramref name="import"/> names which: "case_files", "evidence") and counts its rows by outcome:
    /// a good file's rows created, updated and unchanged; a refused file's faulty rows rejected (nothing of it is written).
    /// </summary>
    public async Task<ImportResult> CountImportAsync(string import, Task<ImportResult> running)
    {
        try
        {
            var result = await running;
            if (_importRows.Enabled)
            {
                Rows(import, "created", result.Added);
                Rows(import, "updated", result.Updated);
                Rows(import, "unchanged", result.Unchanged);
            }

            return result;
        }
        catch (ImportRejectedException rejected)
        {
            if (_importRows.Enabled)
            {
                // The faulty rows; a wrong header (line 1) rejects the file before any row is read.
                Rows(import, "rejected", rejected.Faults.Where(f => f.Line > 1).Select(f => f.Line).Distinct().Count());
            }

            throw;
        }
    }

    private void Rows(string import, string outcome, long count)
    {
        if (count > 0)
        {
            _importRows.Add(count, new KeyValuePair<string, object?>("import", import), new KeyValuePair<string, object?>("import.outcome", outcome));
        }
    }

    private static string Outcome(FireResult result) => result switch
    {
        Transitioned { StateChanged: true } => "moved",
        Transitioned => "stayed",
        TriggerForbidden => "forbidden",
        TriggerNotPermitted => "not_permitted",
        _ => "other",
    };

    private static string RoleTag(GraderRole role) => role switch
    {
        GraderRole.Auditor => nameof(GraderRole.Auditor),
        GraderRole.YoungAssessor => nameof(GraderRole.YoungAssessor),
        GraderRole.SecondAuditor => nameof(GraderRole.SecondAuditor),
        _ => "other",
    };

    /// <summary>
    /// One count of waiting and parked messages and one look at the oldest waiting one (on the outbox's (SentAt, Id) and
    /// ParkedAt indexes) for every gauge read within a second; nothing when the database cannot answer (the service
    /// starting or stopping). A parked message waits for a person, not the dispatcher: it is counted apart, and does not
    /// age the backlog.
    /// </summary>
    private IEnumerable<Measurement<T>> ObserveOutbox<T>(Func<OutboxSnapshot, T> pick)
        where T : struct
    {
        var now = _clock.GetUtcNow();
        lock (_outboxLock)
        {
            if (_outbox is not { } snapshot || now - snapshot.ReadAt >= OutboxSnapshotLifetime || now < snapshot.ReadAt)
            {
                try
                {
                    using var scope = _scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
                    var unsent = Tenancy.CouncilModel.InEveryCouncil(db.Outbox.AsNoTracking()).Where(m => m.SentAt == null);
                    var counts = unsent.GroupBy(m => m.ParkedAt == null)
                        .Select(g => new { Waiting = g.Key, Count = g.Count() })
                        .ToList();
                    var backlog = counts.Where(c => c.Waiting).Sum(c => c.Count);
                    var oldest = backlog == 0
                        ? null
                        : unsent.Where(m => m.ParkedAt == null).OrderBy(m => m.Id).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefault();
                    _outbox = snapshot = new OutboxSnapshot(
                        now, backlog, oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0, counts.Where(c => !c.Waiting).Sum(c => c.Count));
                }
                catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or System.Data.Common.DbException)
                {
                    return [];
                }
            }

            return [new Measurement<T>(pick(snapshot))];
        }
    }

    private sealed record OutboxSnapshot(DateTimeOffset ReadAt, int Backlog, double OldestAgeSeconds, int Parked);
}
