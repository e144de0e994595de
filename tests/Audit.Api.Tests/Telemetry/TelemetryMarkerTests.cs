using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Audit.Api.Infrastructure.Telemetry;
using Audit.Api.Notifications;
using Audit.Api.Tests.Support;
using Audit.Api.Workflows;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Audit.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Telemetry;

/// <summary>
/// The whole loop, with a unique marker in every identifying field (the child's reference, the worker, the team, the
/// people and their user names, everything typed), runs with the service's logs, spans and metrics captured; none of
/// the markers appears in any of them.
/// </summary>
// Alone: the database driver's spans are process-wide, so another test's queries running at the same time (with
// its own user names in them) would be captured as if this loop had made them.
[Collection(nameof(TelemetryMarkerTests))]
public sealed class TelemetryMarkerTests : IDisposable
{
    private const string Reference = "MARKER-REF-0042";
    private const string ModeratedReference = "MARKER-REF-0043";
    private const string CancelledReference = "MARKER-REF-0044";
    private const string Worker = "Markerworker Quell";
    private const string TeamName = "Markerteam Northfield";
    private const string TeamManager = "marker.teammanager";
    private const string TeamManagerName = "Markermanager Vos";
    private const string ServiceManager = "marker.servicemanager";
    private const string ServiceManagerName = "Markerservice Lund";
    private const string Extract = "MARKER-EXTRACT not yet cleared";
    private const string Evidence = "MARKER-EVIDENCE from the auditor";
    private const string DraftEvidence = "MARKER-DRAFT evidence kept for later";
    private const string RoundName = "MARKER-ROUND autumn voice";
    private const string Concern = "MARKER-CONCERN the plan names the wrong school";
    private const string ModerationReason = "MARKER-MODERATION the appendix shows the child's words";
    private const string WhatChanged = "MARKER-CHANGED the child now meets their worker after school";
    private const string CancelReason = "MARKER-CANCEL the case file was closed";
    private const string ImportedReference = "MARKER-IMPORT-0001";
    private const string ImportedWorker = "Markerimport Worker";
    private const string ImportedWorkerUserName = "marker.importworker";
    private const string RejectedReference = "MARKER-REJECTED-0009";
    private const string RejectedTeam = "MARKER-NO-SUCH-TEAM";

    private static readonly string[] Markers =
    [
        Reference, ModeratedReference, CancelledReference, Worker, TeamName, TeamManager, TeamManagerName, ServiceManager,
        ServiceManagerName, Extract, Evidence, DraftEvidence, RoundName, Concern, ModerationReason, WhatChanged, CancelReason,
        ImportedReference, ImportedWorker, ImportedWorkerUserName, RejectedReference, RejectedTeam,
        DemoUsers.Psw, DemoUsers.Auditor, DemoUsers.YoungAssessor, "Ada Winslow", "Ivan Quill",
    ];

    private readonly CapturedTelemetry _captured = new();
    private readonly AuditApiFactory _factory;
    private readonly Scenario _scenario;

    public TelemetryMarkerTests()
    {
        _factory = _captured.Factory();
        _scenario = new Scenario(_factory);
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task NoIdentifyingMarkerReachesTheLogsSpansOrMetricsOverTheWholeLoop()
    {
        var caseFiles = await SeedMarkedCaseFilesAsync();
        var criteria = await _scenario.CriterionIdsAsync();
        var template = await _scenario.DudleyTemplateAsync();
        var round = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = RoundName,
            templateId = template.Id(),
            dueOn = "2026-12-18",
            caseFileIds = caseFiles,
            auditor = DemoUsers.Auditor,
            youngAssessor = DemoUsers.YoungAssessor,
        });
        var audits = round.Arr("auditIds").Select(a => Guid.Parse(a!.GetValue<string>())).ToList();
        var byCaseFile = await _factory.WithDbAsync(db => db.Audits.Where(a => audits.Contains(a.Id)).ToDictionaryAsync(a => a.CaseFileId, a => a.Id));
        var (withActions, moderated, cancelled) = (byCaseFile[caseFiles[0]], byCaseFile[caseFiles[1]], byCaseFile[caseFiles[2]]);

        // An audit below target: a draft, both gradings, a concern, an extract cleared, an overdue action escalated,
        // the notification sent, the action closed.
        await _scenario.Auditor.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/audits/{withActions}/draft", new
        {
            grades = new[] { new { criterionId = criteria[0], grade = "Good", evidence = DraftEvidence } },
        });
        await _scenario.Auditor.PostOkAsync($"/api/audits/{withActions}/gradings", Marked(criteria, "Good", (2, "RequiresImprovement")));
        (await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{withActions}/gradings", Marked(criteria, "Good"))).Str("state").ShouldBe("ActionsOpen");
        await _scenario.Auditor.PostOkAsync($"/api/audits/{withActions}/concerns", new { description = $"{Concern} ({Worker}, {Reference})" });
        await _scenario.Auditor.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/case-files/{caseFiles[0]}/extract", new { text = Extract });
        await _scenario.Auditor.PostOkAsync($"/api/case-files/{caseFiles[0]}/extract/clear", new { });

        _factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        (await _factory.Services.GetRequiredService<TimerRunner>().RunDueAsync(CancellationToken.None)).ShouldBeGreaterThan(0);
        (await _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None)).ShouldBeGreaterThan(0);
        var action = (await _scenario.Psw.GetOkAsync($"/api/audits/{withActions}")).Arr("actions").Single()!;
        action.Str("assignee").ShouldBe(TeamManager);
        var teamManager = _factory.ClientFor(TeamManager);
        (await teamManager.PostOkAsync($"/api/actions/{action.Id()}/close", new { whatChanged = WhatChanged })).Str("status").ShouldBe("Closed");
        (await _scenario.Psw.GetOkAsync($"/api/audits/{withActions}")).Str("state").ShouldBe("Completed");

        // An audit moderated, an audit cancelled, and a refused trigger.
        await _scenario.Auditor.PostOkAsync($"/api/audits/{moderated}/gradings", Marked(criteria, "Good", (0, "Inadequate")));
        (await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{moderated}/gradings", Marked(criteria, "Good"))).Str("state").ShouldBe("Moderation");
        (await _scenario.Psw.PostOkAsync($"/api/audits/{moderated}/moderation", new
        {
            grades = new[] { new { criterionId = criteria[0], grade = "Good", reason = ModerationReason } },
        })).Str("state").ShouldBe("Completed");
        await _scenario.Psw.PostOkAsync($"/api/audits/{cancelled}/cancel", new { reason = CancelReason });
        (await _scenario.Psw.PostAsync($"/api/audits/{cancelled}/cancel", new { reason = CancelReason })).IsSuccessStatusCode.ShouldBeFalse();

        // Imports: a good file, a refused one (its faults name what was sent), and participation evidence.
        await ImportOkAsync("/api/case-files/import", $"""
            reference,team,serviceArea,stage,worker,childAgeBand,workerUserName
            {ImportedReference},{TeamName},ChildrenLookedAfter,Review,{ImportedWorker},TenToFifteen,{ImportedWorkerUserName}
            {Reference},{TeamName},ChildrenLookedAfter,Plan,{Worker},TenToFifteen,
            """);
        var refused = await _scenario.Psw.SendAsync(HttpMethod.Post, "/api/case-files/import", Csv($"""
            reference,team,serviceArea,stage,worker,childAgeBand
            {RejectedReference},{RejectedTeam},ChildrenLookedAfter,Review,{Worker},TenToFifteen
            {Reference},{TeamName},ChildrenLookedAfter,Nowhere,{Worker},TenToFifteen
            """));
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain(RejectedTeam, customMessage: "the answer to the PSW names the fault; the logs must not");
        await ImportOkAsync("/api/evidence/import", $"""
            reference,month,hasAccount,statements,statementsBeforeReview,contributedToReview
            {Reference},2026-10,true,4,2,true
            """);

        // The people read what they may: lists, a search by reference, the audit, the access log.
        await _scenario.Psw.GetOkAsync($"/api/case-files?reference={Uri.EscapeDataString(Reference)}");
        await _scenario.Psw.GetOkAsync($"/api/audits/{withActions}");
        await _scenario.Psw.GetOkAsync($"/api/case-files/{caseFiles[0]}/access-log");
        await _factory.ClientFor(ServiceManager).GetOkAsync("/api/notifications");
        var browser = new Pages.Browser(_factory);
        await browser.SignInAsync("Ada Winslow");
        await browser.GetOkAsync($"/case-files?reference={Uri.EscapeDataString(Reference)}");
        await browser.GetOkAsync($"/audits/{withActions}");

        CapturedTelemetry.Flush(_factory);
        var logs = _captured.Logs.ToList();
        var spans = _captured.SpanTexts().ToList();
        var metrics = _captured.MetricTexts().ToList();

        // The capture works: it holds the service's own logs, request spans and our instruments.
        logs.ShouldContain(l => l.Contains("SubmitGrading for Auditor took", StringComparison.Ordinal));
        logs.ShouldContain(l => l.Contains("Notification Escalation", StringComparison.Ordinal));
        logs.ShouldContain(l => l.Contains("Refused POST /api/case-files/import with 422", StringComparison.Ordinal));
        spans.ShouldContain(s => s.Text == "POST /api/audits/{id:guid}/gradings");
        spans.ShouldContain(s => s.Where == "span audit.timers.fire");
        spans.ShouldContain(s => s.Where == "span audit.outbox.dispatch");
        foreach (var name in new[] { AuditTelemetry.Transitions, AuditTelemetry.GradingsSubmitted, AuditTelemetry.ImportRows, AuditTelemetry.TimerLag, AuditTelemetry.OutboxBacklog })
        {
            metrics.ShouldContain(m => m.Text == name, $"{name} should have been exported");
        }

        foreach (var (where, text) in logs.Select(l => ("log", l)).Concat(spans).Concat(metrics))
        {
            foreach (var marker in Markers)
            {
                text.ShouldNotContain(marker, Case.Insensitive, $"the {where} told '{marker}': {text}");
            }
        }
    }

    private static object Marked(IReadOnlyList<Guid> criteria, string grade, params (int Index, string Grade)[] except) => new
    {
        grades = criteria.Select((id, i) => new
        {
            criterionId = id,
            grade = except.FirstOrDefault(e => e.Index == i).Grade ?? grade,
            evidence = $"{Evidence} ({Worker} told {TeamManagerName} about {Reference})",
        }),
        overall = grade,
    };

    private static StringContent Csv(string csv) => new(csv, Encoding.UTF8, new MediaTypeHeaderValue("text/csv"));

    private async Task ImportOkAsync(string url, string csv)
    {
        var response = await _scenario.Psw.SendAsync(HttpMethod.Post, url, Csv(csv));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<Guid>> SeedMarkedCaseFilesAsync() => await _factory.WithDbAsync(async db =>
    {
        var team = new Team(Guid.NewGuid(), TeamName, ServiceArea.ChildrenLookedAfter, TeamManager, ServiceManager);
        db.Teams.Add(team);
        db.Staff.Add(new StaffMember(TeamManager, TeamManagerName, [Role.TeamManager], team.Id));
        db.Staff.Add(new StaffMember(ServiceManager, ServiceManagerName, [Role.ServiceManager]));
        var caseFiles = new[] { Reference, ModeratedReference, CancelledReference }
            .Select(reference => new CaseFile(Guid.NewGuid(), reference, team, Stage.Review, Worker, ChildAgeBand.TenToFifteen))
            .ToList();
        caseFiles[0].PrepareExtract(Extract);
        db.CaseFiles.AddRange(caseFiles);
        await db.SaveChangesAsync();
        return caseFiles.Select(c => c.Id).ToList();
    });
}

[CollectionDefinition(nameof(TelemetryMarkerTests), DisableParallelization = true)]
public sealed class TelemetryMarkerTestsRunAlone;
