using System.Net;
using Audit.Api.Tests.Support;
using Audit.Api.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

/// <summary>What the pages' headers and overviews ask of the API: actions per team, unread notifications, the young assessor's preview.</summary>
public sealed class ManagerViewTests : IDisposable
{
    private readonly SharedDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    private static async Task<Guid> RaiseActionAsync(Scenario scenario, int skip)
    {
        var criteria = await scenario.CriterionIdsAsync();
        var auditId = (await scenario.PlanRoundAsync(skip: skip)).Single();
        await scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good", (2, "RequiresImprovement")));
        await scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        return auditId;
    }

    [Fact]
    public async Task CountsOpenOverdueAndEscalatedActionsPerTeamWithinTheServiceManagersService()
    {
        using var factory = _data.Instance();
        var scenario = new Scenario(factory);
        var auditId = await RaiseActionAsync(scenario, skip: 0);
        var action = (await scenario.Psw.GetOkAsync($"/api/audits/{auditId}")).Arr("actions").Single()!;
        var team = (await scenario.Psw.GetOkAsync("/api/teams")).AsArray().Single(t => t.Id() == action.Id("teamId"))!;
        var manager = factory.ClientFor(team.Str("serviceManager"));
        var otherManager = factory.ClientFor(team.Str("serviceManager") == DemoUsers.ServiceManager ? "lena.marsh" : DemoUsers.ServiceManager);

        var before = (await manager.GetOkAsync("/api/actions/by-team")).AsArray().Single()!;
        (before.Id("teamId"), before["open"]!.GetValue<int>(), before["overdue"]!.GetValue<int>(), before["escalated"]!.GetValue<int>())
            .ShouldBe((team.Id(), 1, 0, 0));
        (await otherManager.GetOkAsync("/api/actions/by-team")).AsArray().ShouldBeEmpty();

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        (await manager.GetOkAsync("/api/actions/by-team")).AsArray().Single()!["overdue"]!.GetValue<int>().ShouldBe(1);
        await factory.Services.GetRequiredService<TimerRunner>().RunDueAsync(CancellationToken.None);
        var after = (await manager.GetOkAsync("/api/actions/by-team")).AsArray().Single()!;
        (after["open"]!.GetValue<int>(), after["overdue"]!.GetValue<int>(), after["escalated"]!.GetValue<int>()).ShouldBe((1, 1, 1));

        await factory.ClientFor(action.Str("assignee")).PostOkAsync($"/api/actions/{action.Id()}/close", new { whatChanged = "The child's words are now in the plan." });
        (await manager.GetOkAsync("/api/actions/by-team")).AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ListsEscalatedActionsBeforeOpenOnesAndClosedOnesLast()
    {
        using var factory = _data.Instance();
        var scenario = new Scenario(factory);
        var first = await RaiseActionAsync(scenario, skip: 0);
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        await factory.Services.GetRequiredService<TimerRunner>().RunDueAsync(CancellationToken.None);
        var second = await RaiseActionAsync(scenario, skip: 1);

        var statuses = (await scenario.Psw.GetOkAsync("/api/actions")).AsArray().Select(a => (a.Id("auditId"), a.Str("status"))).ToList();
        statuses.ShouldBe([(first, "Escalated"), (second, "Open")]);
    }

    [Fact]
    public async Task CountsTheCallersUnreadNotifications()
    {
        using var factory = _data.Instance();
        var scenario = new Scenario(factory);
        await scenario.PlanRoundAsync();

        (await scenario.YoungAssessor.GetOkAsync("/api/notifications/unread-count"))["unread"]!.GetValue<int>().ShouldBe(1);
        var notification = (await scenario.YoungAssessor.GetOkAsync("/api/notifications")).AsArray().Single()!;
        await scenario.YoungAssessor.PostOkAsync($"/api/notifications/{notification.Id()}/read", new { });
        (await scenario.YoungAssessor.GetOkAsync("/api/notifications/unread-count"))["unread"]!.GetValue<int>().ShouldBe(0);
        (await scenario.Psw.GetOkAsync("/api/notifications/unread-count"))["unread"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task TheAuditorPreviewsExactlyWhatTheYoungAssessorWillSeeBeforeClearingTheExtract()
    {
        using var factory = _data.Instance();
        var scenario = new Scenario(factory);
        var auditId = (await scenario.PlanRoundAsync()).Single();
        var caseFileId = (await scenario.Psw.GetOkAsync($"/api/audits/{auditId}"))["caseFile"].Id();
        await scenario.Auditor.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/case-files/{caseFileId}/extract", new { text = "The young person asked for meetings after school." });

        var preview = await scenario.Auditor.GetOkAsync($"/api/audits/{auditId}/young-assessor-preview");
        preview["caseFile"]!.Str("redactedExtract").ShouldBe("The young person asked for meetings after school.");
        preview["caseFile"]!["reference"].ShouldBeNull();
        preview["caseFile"]!["allocatedWorker"].ShouldBeNull();
        preview.Arr("permittedTriggers").ShouldBeEmpty();
        preview.Arr("assignments").Select(a => a.Str("userName")).ShouldBe(["staff", DemoUsers.YoungAssessor]);

        (await scenario.YoungAssessor.GetOkAsync($"/api/audits/{auditId}"))["caseFile"]!["redactedExtract"].ShouldBeNull();
        (await scenario.YoungAssessor.GetAsync($"/api/audits/{auditId}/young-assessor-preview")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ClientFor(DemoUsers.OtherAuditor).GetAsync($"/api/audits/{auditId}/young-assessor-preview")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await scenario.Psw.GetAsync($"/api/audits/{auditId}/young-assessor-preview")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
