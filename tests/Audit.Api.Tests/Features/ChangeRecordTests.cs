using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Audit.Api.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

/// <summary>Every change is recorded, one row per aggregate a request wrote, naming what changed and never its content.</summary>
public sealed class ChangeRecordTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public ChangeRecordTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AGradingIsOneRowForItsAuditNamingTheGradingItsGradesAndTheHistoryLine()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        var before = await _factory.WithDbAsync(db => db.ChangeRecords.MaxAsync(c => c.Id));

        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        var rows = await _factory.WithDbAsync(db => db.ChangeRecords.AsNoTracking().Where(c => c.Id > before).ToListAsync());
        var row = rows.ShouldHaveSingleItem();
        row.Entity.ShouldBe("CaseFileAudit");
        row.EntityKey.ShouldBe(auditId.ToString());
        row.Operation.ShouldBe("Modified");
        row.UserName.ShouldBe(DemoUsers.Auditor);

        var changes = JsonNode.Parse(row.Changes!)!;
        changes["fields"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(["HistoryHead", "HistoryLength", "Version"]);
        var gradingId = await _factory.WithDbAsync(db => db.Gradings.Where(g => g.AuditId == auditId).Select(g => g.Id).SingleAsync());
        changes["added"]!["AuditGrading"]!.AsArray().Select(k => k!.GetValue<string>()).ShouldBe([gradingId.ToString()]);
        changes["added"]!["CriterionGrade"]!.AsArray().Count.ShouldBe(criteria.Count);
        changes["added"]!["HistoryEntry"]!.AsArray().Count.ShouldBe(1);
        row.Changes!.ShouldNotContain("Evidence for criterion");
    }

    [Fact]
    public async Task APartOfAPartIsRecordedOnTheAggregatesRootThoughThePartBetweenIsUnchanged()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        var records = await _factory.WithDbAsync(async db =>
        {
            await Audit.Api.Workflows.AuditAggregate.LoadAsync(db, auditId, CancellationToken.None);
            var grade = db.ChangeTracker.Entries<Audit.Domain.Audits.CriterionGrade>().First();
            grade.Property(g => g.Evidence).CurrentValue = "Changed evidence.";
            db.ChangeTracker.DetectChanges();
            return db.MakeChangeRecords();
        });

        var record = records.ShouldHaveSingleItem().Record;
        record.Entity.ShouldBe("CaseFileAudit", "a grade is part of its grading, which is part of its audit");
        record.EntityKey.ShouldBe(auditId.ToString());
        record.Changes!.ShouldContain("\"CriterionGrade\"");
    }

    [Fact]
    public async Task ARoundOpenedIsARowForTheRoundAndOneForEachAuditItStarted()
    {
        var before = await _factory.WithDbAsync(db => db.ChangeRecords.MaxAsync(c => c.Id));

        var audits = await _scenario.PlanRoundAsync(count: 3);

        var rows = await _factory.WithDbAsync(db => db.ChangeRecords.AsNoTracking().Where(c => c.Id > before).ToListAsync());
        rows.Where(r => r.Entity == "CaseFileAudit").Select(r => Guid.Parse(r.EntityKey)).ShouldBe(audits, ignoreOrder: true);
        rows.Where(r => r.Entity == "CaseFileAudit").ShouldAllBe(r => r.Operation == "Added" && r.Changes!.Contains("\"Assignment\"") && r.Changes.Contains("\"HistoryEntry\""));
        rows.Count(r => r.Entity == "Round").ShouldBe(1);
        rows.ShouldNotContain(r => r.Entity == "HistoryEntry" || r.Entity == "Assignment");
        rows.ShouldNotContain(r => r.Entity == "AuditTimer", "an audit's timers are recorded with it");
        rows.Where(r => r.Entity == "CaseFileAudit").ShouldAllBe(r => r.Changes!.Contains("\"AuditTimer\""));
    }

    [Fact]
    public async Task AnEscalationFiredIsRecordedOnTheAuditWithItsTimerBesideTheActionAndTheNotification()
    {
        using var factory = new AuditApiFactory(settings: new Dictionary<string, string?>
        {
            ["Timers:RunInBackground"] = "false",
            ["Notifications:DispatchInBackground"] = "false",
        });
        var scenario = new Scenario(factory);
        var raised = await scenario.RaiseActionAsync(factory, skip: 0);
        var firedAt = new DateTimeOffset(raised.DueOn.AddDays(1).ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
        factory.Clock.SetUtcNow(firedAt);

        (await factory.Services.GetRequiredService<TimerRunner>().RunDueAsync(CancellationToken.None)).ShouldBe(1);

        var rows = await factory.WithDbAsync(db => db.ChangeRecords.AsNoTracking().Where(c => c.At == firedAt).ToListAsync());
        rows.Select(r => r.Entity).ShouldBe(["CaseFileAudit", "FollowUpAction", "Notification"], ignoreOrder: true);
        rows.ShouldAllBe(r => r.UserName == "system");
        var audit = rows.Single(r => r.Entity == "CaseFileAudit");
        audit.EntityKey.ShouldBe(raised.AuditId.ToString());
        var changes = JsonNode.Parse(audit.Changes!)!;
        changes["added"]!["HistoryEntry"]!.AsArray().Count.ShouldBe(1);
        var timerId = await factory.WithDbAsync(db => db.AuditTimers.Where(t => t.AuditId == raised.AuditId && t.FiredAt == firedAt).Select(t => t.Id).SingleAsync());
        changes["modified"]!["AuditTimer"]!.AsArray().Select(k => k!.GetValue<string>()).ShouldBe([$"{timerId}: FiredAt Version"]);
        rows.Single(r => r.Entity == "FollowUpAction").EntityKey.ShouldBe(raised.ActionId.ToString());
    }
}
