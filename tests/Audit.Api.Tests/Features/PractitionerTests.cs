using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

/// <summary>
/// The allocated worker's voice: a practitioner matched by the case file's worker user name reads the final grades of
/// audits of their case files, reflects on each, and the team manager reads the reflection on the follow-up action.
/// </summary>
public sealed class PractitionerTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;
    private readonly AuditClient _worker;
    private readonly AuditClient _otherWorker;

    public PractitionerTests()
    {
        _scenario = new Scenario(_factory);
        _worker = _factory.ClientFor(DemoUsers.Practitioner);
        _otherWorker = _factory.ClientFor(DemoUsers.OtherPractitioner);
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>An audit of CF-100001 (the practitioner's) graded Good but for the third principle, which is below target.</summary>
    private async Task<(Guid Audit, IReadOnlyList<Guid> Criteria)> FinalAuditAsync()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good", (2, "RequiresImprovement")));
        (await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"))).Str("state").ShouldBe("ActionsOpen");
        return (auditId, criteria);
    }

    [Fact]
    public async Task TheAllocatedWorkerSeesTheFinalGradesOfAuditsOfTheirCaseFilesOnlyOnceTheyAreFinal()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        (await _worker.GetOkAsync("/api/practice/audits")).AsArray().ShouldBeEmpty();
        (await _worker.GetAsync($"/api/practice/audits/{auditId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good", (2, "RequiresImprovement")));
        (await _worker.GetAsync($"/api/practice/audits/{auditId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "one grader's grades are not final");
        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        var response = await _worker.GetAsync("/api/practice/audits");
        response.Headers.GetValues("X-Total-Count").Single().ShouldBe("1");
        var listed = (await Scenario.AsJsonAsync(response)).AsArray().ShouldHaveSingleItem()!;
        var audit = await _worker.GetOkAsync($"/api/practice/audits/{auditId}");

        var finals = await _factory.WithDbAsync(db => db.FinalGrades.Where(g => g.AuditId == auditId).ToListAsync());
        var target = await _factory.WithDbAsync(db => db.Templates.Where(t => t.Criteria.Any(c => c.Id == criteria[0])).Select(t => t.Target.AtLeast).SingleAsync());
        listed.Id("auditId").ShouldBe(auditId);
        listed.Str("caseFileReference").ShouldBe("CF-100001");
        listed["criteria"]!.GetValue<int>().ShouldBe(finals.Count);
        listed["meetingTarget"]!.GetValue<int>().ShouldBe(finals.Count(g => g.Grade >= target));
        listed["reflections"]!.GetValue<int>().ShouldBe(0);
        audit.Arr("grades").Select(g => (g.Id("criterionId"), g.Str("grade"), g!["meetsTarget"]!.GetValue<bool>()))
            .ShouldBe(criteria.Select(c => finals.Single(f => f.CriterionId == c)).Select(f => (f.CriterionId, f.Grade.ToString(), f.Grade >= target)));
        audit.Arr("grades").Select(g => g!["position"]!.GetValue<int>()).ShouldBe([0, 1, 2, 3, 4, 5]);

        (await _otherWorker.GetOkAsync("/api/practice/audits")).AsArray().ShouldBeEmpty();
        (await _otherWorker.GetAsync($"/api/practice/audits/{auditId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _worker.GetAsync($"/api/audits/{auditId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the graders' working stays with the graders");
    }

    [Fact]
    public async Task AReflectionIsRecordedInTheHistoryAndTheTeamManagerReadsItOnTheAction()
    {
        var (auditId, criteria) = await FinalAuditAsync();

        var written = await _worker.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/practice/audits/{auditId}/reflections/{criteria[2]}", new
        {
            text = "I recorded what the child said at home but not at school. I will ask her teacher how she wants to take part.",
        });

        var grade = written.Arr("grades").Single(g => g.Id("criterionId") == criteria[2])!;
        grade["reflection"].Str("text").ShouldStartWith("I recorded what the child said");
        grade["reflection"]!["revisedAt"].ShouldBeNull();
        (await _worker.GetOkAsync("/api/practice/audits")).AsArray().Single()!["reflections"]!.GetValue<int>().ShouldBe(1);

        var view = await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}");
        var actionId = view.Arr("actions").Single()!.Id();
        var team = (await _scenario.Psw.GetOkAsync("/api/teams")).AsArray().Single(t => t.Id() == view["caseFile"].Id("teamId"))!;
        var action = await _factory.ClientFor(team.Str("teamManager")).GetOkAsync($"/api/actions/{actionId}");
        action["workerReflection"].Str("text").ShouldStartWith("I recorded what the child said");
        view.Arr("history")[^1]!.Str("trigger").ShouldBe("reflect");
        view.Arr("history")[^1]!.Str("by").ShouldBe(DemoUsers.Practitioner);
        (await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}/history/verify"))["holds"]!.GetValue<bool>().ShouldBeTrue();

        var revised = await _worker.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/practice/audits/{auditId}/reflections/{criteria[2]}", new { text = "Changed: her teacher is now invited to reviews." });

        var again = revised.Arr("grades").Single(g => g.Id("criterionId") == criteria[2])!["reflection"]!;
        again.Str("text").ShouldBe("Changed: her teacher is now invited to reviews.");
        again["revisedAt"].ShouldNotBeNull();
        (await _factory.WithDbAsync(db => db.Reflections.CountAsync(r => r.AuditId == auditId))).ShouldBe(1);
        (await _factory.WithDbAsync(db => db.History.CountAsync(h => h.AuditId == auditId && h.Trigger == "reflect"))).ShouldBe(2);
    }

    [Fact]
    public async Task AReflectionNeedsWordsAFinalGradeAndTheCallersOwnCaseFile()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var unfinished = (await _scenario.PlanRoundAsync()).Single();
        (await _worker.SendAsync(HttpMethod.Put, $"/api/practice/audits/{unfinished}/reflections/{criteria[0]}", new { text = "Too soon." }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (auditId, _) = await FinalAuditAsync();
        var url = $"/api/practice/audits/{auditId}/reflections/{criteria[0]}";

        var blank = await _worker.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, url, new { text = "  " });
        blank["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["text"]);
        await _worker.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, url, new { text = new string('a', 4001) });
        (await _worker.SendAsync(HttpMethod.Put, $"/api/practice/audits/{auditId}/reflections/{Guid.NewGuid()}", new { text = "Which principle?" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _otherWorker.SendAsync(HttpMethod.Put, url, new { text = "Not my case." })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _scenario.Psw.SendAsync(HttpMethod.Put, url, new { text = "Not a practitioner." })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _factory.WithDbAsync(db => db.Reflections.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task TheCaseFileImportLinksWorkersWhoUseTheServiceByAnOptionalColumn()
    {
        const string Header = "reference,team,serviceArea,stage,worker,childAgeBand";
        Task<HttpResponseMessage> ImportAsync(string csv) =>
            _scenario.Psw.SendAsync(HttpMethod.Post, "/api/case-files/import", new StringContent(csv, Encoding.UTF8, new MediaTypeHeaderValue("text/csv")));
        Task<string?> LinkOfAsync(string reference) =>
            _factory.WithDbAsync(db => db.CaseFiles.Where(c => c.Reference == reference).Select(c => c.WorkerUserName).SingleAsync());

        (await ImportAsync($"{Header},workerUserName\nCF-900001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9,pia.lorne\nCF-900002,Early Help North,EarlyHelp,Plan,Ned Arran,5-9,\n"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await LinkOfAsync("CF-900001")).ShouldBe("pia.lorne");
        (await LinkOfAsync("CF-900002")).ShouldBeNull();

        var without = await Scenario.AsJsonAsync(await ImportAsync($"{Header}\nCF-900001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9\n"));
        without["unchanged"]!.GetValue<int>().ShouldBe(1, "a file without the column leaves the link as it is");
        (await LinkOfAsync("CF-900001")).ShouldBe("pia.lorne");

        var unlinked = await Scenario.AsJsonAsync(await ImportAsync($"{Header},workerUserName\nCF-900001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9,\n"));
        unlinked["updated"]!.GetValue<int>().ShouldBe(1);
        (await LinkOfAsync("CF-900001")).ShouldBeNull();

        var spaced = await ImportAsync($"{Header},workerUserName\nCF-900001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9,pia lorne\n");
        spaced.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await spaced.Content.ReadAsStringAsync()).ShouldContain("workerUserName");
        (await ImportAsync($"{Header},favouriteColour\nCF-900001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9,blue\n"))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "only the columns the import knows are allowed");
        (await LinkOfAsync("CF-900001")).ShouldBeNull();
        (await _scenario.Psw.GetOkAsync("/api/case-files?reference=CF-100001")).AsArray().Single()!.Str("workerUserName").ShouldBe(DemoUsers.Practitioner);
    }
}
