using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Support;

/// <summary>The objects the access matrices walk: one audit of the caller's own, one of someone else's.</summary>
public static class AccessWorld
{
    public sealed record World(Guid TemplateId, string TeamManager, string ServiceManager, IReadOnlyDictionary<string, Guid> Own, IReadOnlyDictionary<string, Guid> Other);

    /// <summary>
    /// Audit A (own) on a case file of an Early Help team, graded by the signed-in auditor and young assessor, with an
    /// action for its team manager; audit B (other) in another service, graded by other people, with its own action.
    /// Besides: an audit waiting for moderation (the same for both) and a round plan each.
    /// </summary>
    public static async Task<World> TwoAuditsAsync(AuditApiFactory factory, Scenario scenario)
    {
        var template = await scenario.DudleyTemplateAsync();
        var criteria = template.Arr("criteria").Select(c => c.Id()).ToList();
        var caseFiles = (await scenario.Psw.GetOkAsync("/api/case-files")).AsArray();
        var teams = (await scenario.Psw.GetOkAsync("/api/teams")).AsArray();
        var own = caseFiles.Single(c => c.Str("reference") == "CF-100001")!;
        var other = caseFiles.Single(c => c.Str("reference") == "CF-100007")!;
        var ownTeam = teams.Single(t => t.Id() == own.Id("teamId"))!;
        teams.Single(t => t.Id() == other.Id("teamId"))!.Str("serviceManager").ShouldNotBe(ownTeam.Str("serviceManager"));

        async Task<(Guid Round, Guid Audit, Guid Action)> AuditAsync(Guid caseFile, AuditClient auditor, AuditClient youngAssessor)
        {
            var round = await scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
            {
                name = "Matrix", templateId = template.Id(), dueOn = "2026-12-18", caseFileIds = new[] { caseFile },
                auditor = auditor.UserName, youngAssessor = youngAssessor.UserName,
            });
            var auditId = Guid.Parse(round.Arr("auditIds")[0]!.GetValue<string>());
            await auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good", (2, "RequiresImprovement")));
            await youngAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
            var action = (await scenario.Psw.GetOkAsync($"/api/audits/{auditId}")).Arr("actions").Single()!.Id();
            return (round.Id(), auditId, action);
        }

        async Task<Guid> PlanAsync(string name) => (await scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/round-plans", new
        {
            name, templateId = template.Id(), schedule = "0 6 1 * *", dueInDays = 30, perTeam = 1, excludeAuditedWithinMonths = 0,
            auditors = new[] { DemoUsers.Auditor }, youngAssessors = new[] { DemoUsers.YoungAssessor },
        })).Id();

        // An audit waiting for the PSW to moderate: the auditor found a criterion Inadequate.
        async Task<Guid> InModerationAsync()
        {
            var caseFile = caseFiles.Single(c => c.Str("reference") == "CF-100002")!.Id();
            var round = await scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
            {
                name = "Matrix moderation", templateId = template.Id(), dueOn = "2026-12-18", caseFileIds = new[] { caseFile },
                auditor = scenario.Auditor.UserName, youngAssessor = scenario.YoungAssessor.UserName,
            });
            var auditId = Guid.Parse(round.Arr("auditIds")[0]!.GetValue<string>());
            await scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good", (0, "Inadequate")));
            await scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
            return auditId;
        }

        var a = await AuditAsync(own.Id(), scenario.Auditor, scenario.YoungAssessor);
        var b = await AuditAsync(other.Id(), factory.ClientFor(DemoUsers.OtherAuditor, scenario.Council), factory.ClientFor(DemoUsers.OtherYoungAssessor, scenario.Council));
        var moderation = await InModerationAsync();
        var (ownPlan, otherPlan) = (await PlanAsync("Matrix plan"), await PlanAsync("Other matrix plan"));

        // An e-mail the outbox gave up on, so that the PSW's page of parked e-mails shows one.
        await factory.WithDbAsync(async db =>
        {
            var parked = await db.Outbox.OrderBy(m => m.Id).FirstAsync();
            (parked.Attempts, parked.ParkedAt, parked.LastErrorKind) = (10, AuditApiFactory.Start, Audit.Api.Notifications.OutboxErrorKinds.Timeout);
            return await db.SaveChangesAsync();
        }, scenario.Council);
        Dictionary<string, Guid> Ids((Guid Round, Guid Audit, Guid Action) x, Guid caseFile, Guid plan) => new()
        {
            ["/api/audits"] = x.Audit,
            ["/api/actions"] = x.Action,
            ["/api/rounds"] = x.Round,
            ["/api/case-files"] = caseFile,
            ["/api/templates"] = template.Id(),
            ["/api/round-plans"] = plan,
            ["/api/moderation"] = moderation,
            ["/api/practice/audits"] = x.Audit,
            ["/api/my-audits"] = x.Audit,
            ["/api/reviews"] = x.Audit,
        };

        return new World(template.Id(), ownTeam.Str("teamManager"), ownTeam.Str("serviceManager"), Ids(a, own.Id(), ownPlan), Ids(b, other.Id(), otherPlan));
    }
}
