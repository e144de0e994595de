using System.Net;
using Audit.Api.Features.RoundPlans;
using Audit.Api.Notifications;
using Audit.Api.Tests.Support;
using Audit.Api.Workflows;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Audit.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Tenancy;

/// <summary>
/// A second council ("north") runs the whole loop with a marker in every identifying field it can fill: its team, team
/// and service managers, case files, worker, template, round, round plan, gradings' evidence and concern. Then the
/// default council's people read every list, report, dashboard, export, search and page they may: no marker of north's
/// appears in any answer.
/// </summary>
public sealed class CouncilMarkerTests : IDisposable
{
    private const string North = "north";
    private const string Marker = "northmark";

    // Finds north's references ("NORTHMARK-REF-1") anywhere in them, without the page echoing the marker itself.
    private const string Search = "ORTHMARK-REF";

    // The background runners off: the test runs them itself, and on PostgreSQL a background pass would claim (and lock)
    // the timer first, so that the test's own pass skipped it.
    private readonly AuditApiFactory _factory = new(settings: new Dictionary<string, string?>
    {
        ["Timers:RunInBackground"] = "false",
        ["Notifications:DispatchInBackground"] = "false",
    });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task NoStringOfAnotherCouncilReachesAnyAnswerOfThisOne()
    {
        var (defaultCouncil, north) = (new Scenario(_factory), new Scenario(_factory, North));
        await _factory.SeedCouncilAsync(North);
        var caseFiles = await SeedMarkedAsync();
        var northTemplate = await north.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/templates", new
        {
            name = "Northmark template of the north",
            criteria = new object[] { new { title = "Northmark criterion", guidance = "Northmark guidance", plainWords = "Northmark plain words" } },
            target = new { atLeast = "Good", percent = 70 },
            graders = new[] { "Auditor", "YoungAssessor" },
        });
        var template = await north.DudleyTemplateAsync();
        var criteria = template.Arr("criteria").Select(c => c.Id()).ToList();
        var round = await north.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Northmark round", templateId = template.Id(), dueOn = "2026-12-18", caseFileIds = caseFiles,
            auditor = DemoUsers.Auditor, youngAssessor = DemoUsers.YoungAssessor,
        });
        foreach (var audit in round.Arr("auditIds").Select(a => Guid.Parse(a!.GetValue<string>())))
        {
            await north.Auditor.PostOkAsync($"/api/audits/{audit}/gradings", Marked(criteria, "Good", (2, "RequiresImprovement")));
            await north.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Marked(criteria, "Good"));
            await north.Auditor.PostOkAsync($"/api/audits/{audit}/concerns", new { description = "Northmark concern about the plan" });
        }

        await north.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/round-plans", new
        {
            name = "Northmark plan", templateId = template.Id(), schedule = "0 6 1 * *", dueInDays = 30, perTeam = 1, excludeAuditedWithinMonths = 0,
            auditors = new[] { DemoUsers.Auditor }, youngAssessors = new[] { DemoUsers.YoungAssessor },
        });
        (await north.Psw.GetOkAsync($"/api/case-files?reference={Search}")).AsArray().Count.ShouldBe(caseFiles.Count, "north finds its own");

        // The default council's own loop, so that its lists and reports have something in them.
        var ownAudits = await defaultCouncil.PlanRoundAsync(2);
        var ownCriteria = await defaultCouncil.CriterionIdsAsync();
        foreach (var audit in ownAudits)
        {
            await defaultCouncil.Auditor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(ownCriteria, "Good", (1, "RequiresImprovement")));
            await defaultCouncil.YoungAssessor.PostOkAsync($"/api/audits/{audit}/gradings", Scenario.Grading(ownCriteria, "Good"));
        }

        var ownTemplate = (await defaultCouncil.DudleyTemplateAsync()).Id();
        var readers = new[] { defaultCouncil.Psw, defaultCouncil.Auditor, _factory.ClientFor(DemoUsers.ServiceManager), _factory.ClientFor(DemoUsers.Practitioner) };
        var leaks = new List<string>();
        foreach (var url in ApiReads(ownTemplate, northTemplate.Id(), template.Id()))
        {
            foreach (var reader in readers)
            {
                var response = await reader.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                if (body.Contains(Marker, StringComparison.OrdinalIgnoreCase))
                {
                    leaks.Add($"{url} as {reader.UserName} ({(int)response.StatusCode})");
                }
            }
        }

        var browser = new Pages.Browser(_factory);
        await browser.SignInAsync("Ada Winslow");
        foreach (var page in PageRoutes.Of(_factory).Where(r => !r.Contains('{', StringComparison.Ordinal) && r != "/sign-out")
            .Append($"/case-files?reference={Search}").Append($"/dashboard?templateId={template.Id()}"))
        {
            var (response, _) = await browser.GetAsync(page);
            if ((await response.Content.ReadAsStringAsync()).Contains(Marker, StringComparison.OrdinalIgnoreCase))
            {
                leaks.Add($"page {page} ({(int)response.StatusCode})");
            }
        }

        leaks.ShouldBeEmpty();
        (await defaultCouncil.Psw.GetOkAsync($"/api/case-files?reference={Search}")).AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ADeploymentThatNamesNoCouncilPutsEveryoneAndEveryRowInTheDefaultCouncil()
    {
        var scenario = new Scenario(_factory);
        var audits = await scenario.PlanRoundAsync(1);
        (await scenario.Psw.GetOkAsync($"/api/audits/{audits[0]}")).Id().ShouldBe(audits[0]);

        var councils = await _factory.WithDbAsync(async db => new[]
        {
            await CouncilsOf(db.Staff), await CouncilsOf(db.CaseFiles), await CouncilsOf(db.Templates), await CouncilsOf(db.Audits),
            await CouncilsOf(db.ChangeRecords), await CouncilsOf(db.PublishedWorkflows),
        }.SelectMany(c => c).Distinct().ToList());
        councils.ShouldBe([Audit.Api.Tenancy.CurrentCouncil.Default]);
    }

    [Fact]
    public async Task TheSameUserNameMaySignInToTwoCouncilsAndEachSeesOnlyItsOwn()
    {
        await _factory.SeedCouncilAsync(North);
        var marked = await SeedMarkedAsync();
        var (ownPsw, northPsw) = (_factory.ClientFor(DemoUsers.Psw), _factory.ClientFor(DemoUsers.Psw, North));

        var northFiles = (await northPsw.GetOkAsync("/api/case-files?take=200")).AsArray().Select(c => c.Id()).ToList();
        var ownFiles = (await ownPsw.GetOkAsync("/api/case-files?take=200")).AsArray().Select(c => c.Id()).ToList();
        marked.ShouldBeSubsetOf(northFiles);
        ownFiles.Intersect(northFiles).ShouldBeEmpty();
        (await ownPsw.GetAsync($"/api/case-files/{marked[0]}/record")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A page sign-in for north's people carries north's council in its cookie.
        var browser = new Pages.Browser(_factory);
        var signIn = await browser.GetOkAsync("/sign-in?council=north");
        (await browser.PressAsync(signIn, "Ada Winslow", "/sign-in")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await browser.GetOkAsync("/case-files?reference=NORTHMARK");
        Pages.Browser.Text(list).ShouldContain("NORTHMARK-REF-1");
    }

    [Fact]
    public async Task TheRunnersFireEachCouncilsTimersAndPlansInThatCouncil()
    {
        await _factory.SeedCouncilAsync(North);
        var north = new Scenario(_factory, North);
        var criteria = await north.CriterionIdsAsync();
        var auditId = (await north.PlanRoundAsync()).Single();
        await north.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        var reminder = await _factory.WithDbAsync(db => db.AuditTimers.SingleAsync(t => t.AuditId == auditId && t.Name == "remindGraders"), North);
        var before = await _factory.WithDbAsync(db => db.Notifications.CountAsync(), North);

        _factory.Clock.SetUtcNow(reminder.DueAt.AddMinutes(1));
        await _factory.Services.GetRequiredService<TimerRunner>().RunDueAsync(CancellationToken.None);

        (await _factory.WithDbAsync(db => db.AuditTimers.SingleAsync(t => t.Id == reminder.Id), North)).FiredAt.ShouldNotBeNull();
        (await _factory.WithDbAsync(db => db.Notifications.CountAsync(), North)).ShouldBeGreaterThan(before, "the reminder is north's");
        (await _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None)).ShouldBeGreaterThan(0);
        (await _factory.WithDbAsync(db => db.Outbox.CountAsync(m => m.SentAt == null), North)).ShouldBe(0, "north's e-mails were sent");

        var plan = (await north.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/round-plans", new
        {
            name = "Northmark plan", templateId = (await north.DudleyTemplateAsync()).Id(), schedule = "0 6 1 * *", dueInDays = 30, perTeam = 1,
            excludeAuditedWithinMonths = 0, auditors = new[] { DemoUsers.Auditor }, youngAssessors = new[] { DemoUsers.YoungAssessor },
        })).Id();
        var opens = (await north.Psw.GetOkAsync($"/api/round-plans/{plan}")).Arr("nextOpenings")[0]!.GetValue<DateTimeOffset>();
        _factory.Clock.SetUtcNow(opens.AddMinutes(1));

        // Moving the clock may have woken the runner in the background first: either way the round is opened once.
        await _factory.Services.GetRequiredService<RoundPlanRunner>().OpenDueAsync(CancellationToken.None);
        (await north.Psw.GetOkAsync($"/api/round-plans/{plan}"))["lastOpenedFor"]!.GetValue<DateTimeOffset>().ShouldBe(opens);
        (await north.Psw.GetOkAsync("/api/rounds")).AsArray().ShouldContain(r => r.Str("name").StartsWith("Northmark plan", StringComparison.Ordinal));
        (await _factory.ClientFor(DemoUsers.Psw).GetOkAsync("/api/rounds")).AsArray().ShouldNotContain(r => r.Str("name").StartsWith("Northmark plan", StringComparison.Ordinal));
    }

    private static Task<List<string>> CouncilsOf<T>(IQueryable<T> rows)
        where T : class =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            rows.Select(r => Microsoft.EntityFrameworkCore.EF.Property<string>(r, Audit.Api.Tenancy.CouncilModel.Property)).Distinct());

    private static IEnumerable<string> ApiReads(Guid ownTemplate, Guid northTemplate, Guid northDudley)
    {
        string[] lists =
        [
            "/api/case-files", $"/api/case-files?reference={Search}", "/api/teams", "/api/staff", "/api/templates", "/api/rounds",
            "/api/round-plans", "/api/audits", "/api/moderation", "/api/actions", "/api/actions/by-team", "/api/notifications",
            "/api/notifications/parked", "/api/workflows", "/api/dev/users", "/api/practice/audits", "/api/record/verification",
        ];
        string[] reports =
        [
            "/api/reports/three-views", "/api/reports/you-said-we-did", "/api/dashboard", "/api/dashboard/teams", "/api/dashboard/trend",
            "/api/reports/agreement", "/api/reports/monthly", "/api/reports/board", "/api/reports/dashboard.csv", "/api/reports/trend.csv",
            "/api/reports/agreement.csv", "/api/reports/you-said-we-did.csv", "/api/reports/actions.csv",
        ];
        return lists.Concat(reports.SelectMany(r => new[] { ownTemplate, northTemplate, northDudley }.Select(t => $"{r}?templateId={t}")));
    }

    private static object Marked(IReadOnlyList<Guid> criteria, string grade, params (int Index, string Grade)[] except) => new
    {
        grades = criteria.Select((id, i) => new
        {
            criterionId = id,
            grade = except.FirstOrDefault(e => e.Index == i).Grade ?? grade,
            evidence = $"Northmark evidence for criterion {i + 1} (NORTHMARK-REF-1, Northmark Worker).",
        }),
        overall = grade,
    };

    private Task<List<Guid>> SeedMarkedAsync() => _factory.WithDbAsync(
        async db =>
        {
            var team = new Team(Guid.NewGuid(), "Northmark Team", ServiceArea.ChildrenLookedAfter, "northmark.manager", "northmark.service");
            db.Teams.Add(team);
            db.Staff.Add(new StaffMember("northmark.manager", "Northmark Manager", [Role.TeamManager], team.Id));
            db.Staff.Add(new StaffMember("northmark.service", "Northmark Service", [Role.ServiceManager]));
            var caseFiles = new[] { "NORTHMARK-REF-1", "NORTHMARK-REF-2" }
                .Select(reference => new CaseFile(Guid.NewGuid(), reference, team, Stage.Review, "Northmark Worker", ChildAgeBand.TenToFifteen))
                .ToList();
            db.CaseFiles.AddRange(caseFiles);
            await db.SaveChangesAsync();
            return caseFiles.Select(c => c.Id).ToList();
        },
        North);
}
