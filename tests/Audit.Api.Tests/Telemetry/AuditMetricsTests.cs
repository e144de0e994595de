using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Audit.Api.Infrastructure.Telemetry;
using Audit.Api.Notifications;
using Audit.Api.Tests.Support;
using Audit.Api.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Audit.Api.Tests.Telemetry;

/// <summary>The "Audit" meter's instruments record what happened, tagged by kind (definition, trigger, role, outcome).</summary>
public sealed class AuditMetricsTests : IDisposable
{
    private readonly SharedDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    private const string Workflow = "workflow.definition=case-file-audit";

    [Fact]
    public async Task EachGradingCountsOnceByTheGradersRoleAndEachTransitionByDefinitionTriggerAndOutcome()
    {
        using var factory = _data.Instance();
        var scenario = new Scenario(factory);
        var criteria = await scenario.CriterionIdsAsync();
        var auditId = (await scenario.PlanRoundAsync()).Single();
        using var measured = new AuditMeasurements(factory);

        await scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good", (2, "RequiresImprovement")));
        await scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        var action = (await scenario.Psw.GetOkAsync($"/api/audits/{auditId}")).Arr("actions").Single()!;
        await factory.ClientFor(action.Str("assignee")).PostOkAsync($"/api/actions/{action.Id()}/close", new { whatChanged = "The child now meets their worker after school." });
        (await scenario.Psw.PostAsync($"/api/audits/{auditId}/cancel", new { reason = "Too late." })).StatusCode.ShouldBe(HttpStatusCode.Conflict, "a refused trigger moves nothing");

        measured.Of(AuditTelemetry.GradingsSubmitted).ShouldBe([(1, "grader.role=Auditor"), (1, "grader.role=YoungAssessor")]);
        measured.Of(AuditTelemetry.Transitions).ShouldBe(
        [
            (1, $"{Workflow}, workflow.outcome=stayed, workflow.trigger=submitGrading"),
            (1, $"{Workflow}, workflow.outcome=moved, workflow.trigger=submitGrading"),
            (1, $"{Workflow}, workflow.outcome=moved, workflow.trigger=closeAction"),
        ]);
    }

    [Fact]
    public async Task ATransitionIsCountedOnlyOnceItsSaveCommitsAndARequestThatFailsToSaveCountsNothing()
    {
        using var factory = _data.Instance();
        var scenario = new Scenario(factory);
        var auditId = (await scenario.PlanRoundAsync()).Single();
        using var measured = new AuditMeasurements(factory);

        // The database refuses the audit's new history line, so the cancellation's save fails after the runtime moved it.
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgres
            ? "CREATE TRIGGER \"AuditHistory_refused\" BEFORE INSERT ON \"AuditHistory\" FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_table();"
            : "CREATE TRIGGER \"AuditHistory_refused\" BEFORE INSERT ON \"AuditHistory\" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"));
        (await scenario.Psw.PostAsync($"/api/audits/{auditId}/cancel", new { reason = "Opened by mistake." })).IsSuccessStatusCode.ShouldBeFalse();
        measured.Of(AuditTelemetry.Transitions).ShouldBeEmpty("nothing was saved");

        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgres
            ? "DROP TRIGGER \"AuditHistory_refused\" ON \"AuditHistory\";"
            : "DROP TRIGGER \"AuditHistory_refused\";"));
        await scenario.Psw.PostOkAsync($"/api/audits/{auditId}/cancel", new { reason = "Opened by mistake." });
        measured.Of(AuditTelemetry.Transitions).ShouldBe([(1, $"{Workflow}, workflow.outcome=moved, workflow.trigger=cancel")]);
    }

    [Fact]
    public async Task WhatWaitsForACommitRunsWhenTheTransactionCommitsAndNeverWhenItIsRolledBack()
    {
        using var factory = _data.Instance();
        await new Scenario(factory).PlanRoundAsync();
        var runs = 0;
        await factory.WithDbAsync(async db =>
        {
            await using (var rolledBack = await db.BeginWriteTransactionAsync(CancellationToken.None))
            {
                db.AfterCommit(() => runs++);
                (await db.Outbox.OrderBy(m => m.Id).FirstAsync()).Attempts += 1;
                await db.SaveChangesAsync();
                runs.ShouldBe(0, "saved inside a transaction is not yet committed");
            }

            runs.ShouldBe(0, "rolled back");
            db.ChangeTracker.Clear();
            await using var committed = await db.BeginWriteTransactionAsync(CancellationToken.None);
            db.AfterCommit(() => runs++);
            (await db.Outbox.OrderBy(m => m.Id).FirstAsync()).Attempts += 1;
            await db.SaveChangesAsync();
            runs.ShouldBe(0);
            await committed.CommitAsync(CancellationToken.None);
            runs.ShouldBe(1);
            return 0;
        });
        runs.ShouldBe(1);
    }

    [Fact]
    public async Task AFiredTimerRecordsHowLongAfterItCameDueItFired()
    {
        using var factory = _data.Instance();
        var scenario = new Scenario(factory);
        var criteria = await scenario.CriterionIdsAsync();
        var auditId = (await scenario.PlanRoundAsync()).Single();
        await scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        using var measured = new AuditMeasurements(factory);
        var reminder = await factory.WithDbAsync(db => db.AuditTimers.SingleAsync(t => t.AuditId == auditId && t.Name == "remindGraders"));

        (await factory.Services.GetRequiredService<TimerRunner>().RunDueAsync(CancellationToken.None)).ShouldBe(0);
        measured.Of(AuditTelemetry.TimerLag).ShouldBeEmpty("no timer was due");

        factory.Clock.SetUtcNow(reminder.DueAt.AddMinutes(90));
        (await factory.Services.GetRequiredService<TimerRunner>().RunDueAsync(CancellationToken.None)).ShouldBe(1);

        measured.Of(AuditTelemetry.TimerLag).ShouldBe([(90 * 60, $"{Workflow}, workflow.timer=remindGraders")]);
    }

    [Fact]
    public async Task TheOutboxGaugesShowHowManyNotificationsWaitAndHowLongTheOldestHasWaited()
    {
        using var factory = _data.Instance();
        var scenario = new Scenario(factory);
        using var measured = new AuditMeasurements(factory);
        await scenario.PlanRoundAsync();
        var waiting = await factory.WithDbAsync(db => db.Outbox.CountAsync(m => m.SentAt == null));
        waiting.ShouldBeGreaterThan(0, "planning a round tells its graders");

        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        measured.Read(AuditTelemetry.OutboxBacklog).ShouldBe(waiting);
        measured.Read(AuditTelemetry.OutboxOldestAge).ShouldBe(5 * 60);

        await factory.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        measured.Read(AuditTelemetry.OutboxBacklog).ShouldBe(0);
        measured.Read(AuditTelemetry.OutboxOldestAge).ShouldBe(0);
    }

    [Fact]
    public async Task ParkedNotificationsAreCountedApartFromTheBacklogAndDoNotAgeIt()
    {
        using var factory = _data.Instance();
        var scenario = new Scenario(factory);
        using var measured = new AuditMeasurements(factory);
        await scenario.PlanRoundAsync();
        var waiting = await factory.WithDbAsync(db => db.Outbox.CountAsync(m => m.SentAt == null));
        waiting.ShouldBeGreaterThan(1);
        measured.Read(AuditTelemetry.OutboxParked).ShouldBe(0);

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await factory.WithDbAsync(async db =>
        {
            // The oldest gives up: parked, it no longer ages the backlog.
            var oldest = await db.Outbox.Where(m => m.SentAt == null).OrderBy(m => m.Id).FirstAsync();
            oldest.ParkedAt = factory.Clock.GetUtcNow();
            return await db.SaveChangesAsync();
        });
        var parked = await factory.WithDbAsync(db => db.Outbox.Where(m => m.ParkedAt != null).Select(m => m.Id).SingleAsync());
        await factory.WithDbAsync(db => db.Outbox.Where(m => m.SentAt == null && m.Id != parked)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.CreatedAt, factory.Clock.GetUtcNow().AddMinutes(-2))));
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        measured.Read(AuditTelemetry.OutboxParked).ShouldBe(1);
        measured.Read(AuditTelemetry.OutboxBacklog).ShouldBe(waiting - 1);
        measured.Read(AuditTelemetry.OutboxOldestAge).ShouldBe(2 * 60 + 1);
    }

    [Fact]
    public async Task AnImportCountsItsRowsByOutcomeAndARefusedFileItsFaultyRows()
    {
        using var factory = _data.Instance();
        var psw = factory.ClientFor(DemoUsers.Psw);
        using var measured = new AuditMeasurements(factory);
        const string header = "reference,team,serviceArea,stage,worker,childAgeBand";

        (await ImportAsync(psw, $"""
            {header}
            CF-900001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9
            CF-900002,Early Help North,EarlyHelp,Assessment,Orrin Vale,5-9
            """)).StatusCode.ShouldBe(HttpStatusCode.OK);
        measured.SumBy(AuditTelemetry.ImportRows, "import.outcome").ShouldBe(new Dictionary<string, double> { ["created"] = 2 });

        (await ImportAsync(psw, $"""
            {header}
            CF-900001,Early Help North,EarlyHelp,Plan,Pia Lorne,5-9
            CF-900002,Early Help North,EarlyHelp,Assessment,Orrin Vale,5-9
            """)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ImportAsync(psw, $"""
            {header}
            CF-900003,No Such Team,EarlyHelp,Plan,Pia Lorne,5-9
            CF-900004,Early Help North,EarlyHelp,Nowhere,Pia Lorne,Ancient
            CF-900005,Early Help North,EarlyHelp,Plan,Pia Lorne,5-9
            """)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        measured.SumBy(AuditTelemetry.ImportRows, "import.outcome").ShouldBe(
            new Dictionary<string, double> { ["created"] = 2, ["updated"] = 1, ["unchanged"] = 1, ["rejected"] = 2 });
        measured.SumBy(AuditTelemetry.ImportRows, "import").Keys.ShouldBe(["case_files"]);
    }

    [Fact]
    public void WithNoCollectorNorPrometheusNoOpenTelemetryIsSetUp()
    {
        using var factory = _data.Instance();

        factory.Services.GetService<TracerProvider>().ShouldBeNull();
        factory.Services.GetService<MeterProvider>().ShouldBeNull();
        factory.Services.GetRequiredService<AuditTelemetry>().Meter.Name.ShouldBe("Audit");
    }

    [Fact]
    public async Task WithPrometheusOnMetricsAreServedAtSlashMetrics()
    {
        using var factory = new AuditApiFactory(folder: _data.Path, settings: new Dictionary<string, string?>
        {
            ["Telemetry:Prometheus"] = "true",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            ["Timers:RunInBackground"] = "false",
            ["Notifications:DispatchInBackground"] = "false",
        });
        var scenario = new Scenario(factory);
        var criteria = await scenario.CriterionIdsAsync();
        var auditId = (await scenario.PlanRoundAsync()).Single();
        await scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        factory.Services.GetService<TracerProvider>().ShouldNotBeNull("the collector's endpoint turns tracing on");
        var scraped = await factory.CreateClient().GetAsync("/metrics");
        scraped.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await scraped.Content.ReadAsStringAsync();
        text.ShouldContain("audit_gradings_submitted");
        text.ShouldContain("grader_role=\"Auditor\"");
        text.ShouldContain("audit_outbox_backlog");
    }

    private static Task<HttpResponseMessage> ImportAsync(AuditClient psw, string csv) =>
        psw.SendAsync(HttpMethod.Post, "/api/case-files/import", new StringContent(csv, Encoding.UTF8, new MediaTypeHeaderValue("text/csv")));
}
