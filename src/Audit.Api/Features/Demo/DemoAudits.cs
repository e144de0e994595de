using System.Security.Claims;
using Audit.Api.Auth;
using Audit.Api.Features.Audits;
using Audit.Api.Features.CaseFiles;
using Audit.Api.Features.Rounds;
using Audit.Api.Features.Templates;
using Audit.Api.Persistence;
using Audit.Domain.Calendar;
using Audit.Domain.Grading;
using Mediator;

namespace Audit.Api.Features.Demo;

/// <summary>
/// A demo round in flight, so that every demo person has something to do in the browser on a fresh start: reviews
/// to grade, follow-up actions to close, an audit waiting for moderation. Each step is the same request a person
/// sends, made as that person. Only into a database with demo data and no rounds yet.
/// </summary>
internal static class DemoAudits
{
    public const string RoundName = "Autumn voice audit";

    /// <summary>Whether the demo round belongs in the council: it has the demo's people and no round yet.</summary>
    public static bool Wanted(DemoState demo) => !demo.AnyRound && demo.HasDemoPrincipal;

    public static async Task SeedAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var template = (await AsAsync(services, "ada.winslow", [Domain.Users.Role.PrincipalSocialWorker], s => s.Send(new ListTemplates(), ct))).Items
            .First(t => t.Name == DemoData.DudleyTemplateName);
        var caseFiles = (await AsAsync(services, "ada.winslow", [Domain.Users.Role.PrincipalSocialWorker], s => s.Send(new ListCaseFiles(Take: ListCaseFiles.MaxTake), ct))).Items;
        var picked = caseFiles.Where(c => string.CompareOrdinal(c.Reference, "CF-100007") < 0).OrderBy(c => c.Reference).ToList();
        var due = services.GetRequiredService<CouncilCalendar>().DaysFrom(clock.GetUtcNow(), 21);
        var round = await AsAsync(services, "ada.winslow", [Domain.Users.Role.PrincipalSocialWorker], s => s.Send(
            new PlanRound(RoundName, template.Id, due, picked.Select(c => c.Id).ToList(), null, "ivan.quill", "jay.assessor", null, null, null), ct));
        var audits = picked.Select(c => c.Reference).Zip(round.AuditIds).ToDictionary(x => x.First!, x => x.Second);
        var criteria = template.Criteria.OrderBy(c => c.Position).Select(c => c.Id).ToList();

        // Graded by both, one principle below target: a follow-up action for the team manager.
        await GradeAsync(services, audits["CF-100003"], criteria, Grade.Good, (2, Grade.RequiresImprovement), ct);
        await GradeAsync(services, audits["CF-100003"], criteria, Grade.Good, null, ct, youngAssessor: true);
        await GradeAsync(services, audits["CF-100005"], criteria, Grade.Good, (0, Grade.RequiresImprovement), ct);
        await GradeAsync(services, audits["CF-100005"], criteria, Grade.Good, null, ct, youngAssessor: true);

        // An Inadequate grade: the audit waits for the principal social worker to moderate.
        await GradeAsync(services, audits["CF-100006"], criteria, Grade.Good, (3, Grade.Inadequate), ct);
        await GradeAsync(services, audits["CF-100006"], criteria, Grade.Good, null, ct, youngAssessor: true);

        // The auditor is done; the young assessor still has this one to do.
        await GradeAsync(services, audits["CF-100002"], criteria, Grade.Good, null, ct);
    }

    private static Task<AuditView> GradeAsync(
        IServiceProvider services, Guid auditId, IReadOnlyList<Guid> criteria, Grade grade, (int Index, Grade Grade)? except, CancellationToken ct, bool youngAssessor = false)
    {
        var grades = criteria
            .Select((id, i) => new GradeInput(id, except is { } e && e.Index == i ? e.Grade : grade, youngAssessor
                ? "The child's own words are written down in the review."
                : "The review record quotes the child and says how their wishes shaped the plan."))
            .ToList();
        return youngAssessor
            ? AsAsync(services, "jay.assessor", [Domain.Users.Role.YoungAssessor], s => s.Send(new SubmitGrading(auditId, grades, grade), ct))
            : AsAsync(services, "ivan.quill", [Domain.Users.Role.Auditor], s => s.Send(new SubmitGrading(auditId, grades, grade), ct));
    }

    /// <summary>Sends a request in its own scope as the named demo person, as if they had signed in.</summary>
    private static async Task<T> AsAsync<T>(IServiceProvider services, string userName, string[] roles, Func<ISender, ValueTask<T>> send)
    {
        await using var scope = services.CreateAsyncScope();
        var identity = PersonClaims.Identity(PersonClaims.For(userName, userName, roles, teamId: null), "demo");
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(identity), RequestServices = scope.ServiceProvider };
        try
        {
            return await send(scope.ServiceProvider.GetRequiredService<ISender>());
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }
}
