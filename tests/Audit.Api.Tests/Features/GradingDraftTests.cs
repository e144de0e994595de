using System.Net;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

public sealed class GradingDraftTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public GradingDraftTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private static string Draft(Guid auditId) => $"/api/audits/{auditId}/draft";

    private async Task<(Guid AuditId, IReadOnlyList<Guid> Criteria)> AuditAsync() =>
        ((await _scenario.PlanRoundAsync()).Single(), await _scenario.CriterionIdsAsync());

    [Fact]
    public async Task SavesADraftAndReadsItBack()
    {
        var (auditId, criteria) = await AuditAsync();

        var saved = await _scenario.YoungAssessor.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Draft(auditId), new
        {
            grades = new[] { new { criterionId = criteria[0], grade = "Good", evidence = "They wrote down what I said." } },
            overall = "Good",
        });

        saved.Id("auditId").ShouldBe(auditId);
        saved.Str("role").ShouldBe("YoungAssessor");
        saved.Str("overall").ShouldBe("Good");
        saved["version"]!.GetValue<int>().ShouldBe(1);
        var read = await _scenario.YoungAssessor.GetOkAsync(Draft(auditId));
        read.ToJsonString().ShouldBe(saved.ToJsonString());
        read.Arr("grades").ShouldHaveSingleItem()!.Str("evidence").ShouldBe("They wrote down what I said.");
    }

    [Fact]
    public async Task KeepsAPartialDraftWithGradesOrEvidenceMissing()
    {
        var (auditId, criteria) = await AuditAsync();

        await _scenario.Auditor.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Draft(auditId), new
        {
            grades = new object[]
            {
                new { criterionId = criteria[3], evidence = "Actions in the plan were done late." },
                new { criterionId = criteria[1], grade = "RequiresImprovement", evidence = "" },
            },
        });

        var read = await _scenario.Auditor.GetOkAsync(Draft(auditId));
        read.Str("role").ShouldBe("Auditor");
        read["overall"].ShouldBeNull();
        var grades = read.Arr("grades");
        grades.Select(g => g.Id("criterionId")).ShouldBe([criteria[1], criteria[3]], "in template order");
        grades[0].Str("grade").ShouldBe("RequiresImprovement");
        grades[0]!["evidence"].ShouldBeNull();
        grades[1]!["grade"].ShouldBeNull();
        grades[1].Str("evidence").ShouldBe("Actions in the plan were done late.");
    }

    [Fact]
    public async Task AnswersAnEmptyDraftWhenNoneIsSaved()
    {
        var (auditId, _) = await AuditAsync();

        var read = await _scenario.YoungAssessor.GetOkAsync(Draft(auditId));

        read.Arr("grades").ShouldBeEmpty();
        read["overall"].ShouldBeNull();
        read["updatedAt"].ShouldBeNull();
        read["version"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task SubmittingTheGradingRemovesTheDraft()
    {
        var (auditId, criteria) = await AuditAsync();
        await _scenario.Auditor.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Draft(auditId), new { grades = new[] { new { criterionId = criteria[0], grade = "Good" } } });
        await _scenario.YoungAssessor.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Draft(auditId), new { overall = "Good" });

        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        var drafts = await _factory.WithDbAsync(db => db.GradingDrafts.AsNoTracking().Where(d => d.AuditId == auditId).Select(d => d.Grader).ToListAsync());
        drafts.ShouldBe([DemoUsers.YoungAssessor], "only the grader who submitted loses their draft");
        (await _scenario.Auditor.GetOkAsync(Draft(auditId))).Arr("grades").ShouldBeEmpty();
        var orphans = await _factory.WithDbAsync(db => db.Set<Audit.Domain.Audits.DraftGrade>().CountAsync());
        orphans.ShouldBe(0);
    }

    [Fact]
    public async Task RefusesADraftOnceTheGradingIsSubmittedWith409()
    {
        var (auditId, criteria) = await AuditAsync();
        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        var problem = await _scenario.YoungAssessor.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, Draft(auditId), new { overall = "Inadequate" });

        problem.Str("detail").ShouldContain("submitted");
        (await _factory.WithDbAsync(db => db.GradingDrafts.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task RefusesAManagerWhoMaySeeTheAuditButDoesNotGradeItWith403()
    {
        var (auditId, criteria) = await AuditAsync();
        var teamId = (await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}"))["caseFile"].Id("teamId");
        var teamManager = _factory.ClientFor((await _scenario.Psw.GetOkAsync("/api/teams")).AsArray().Single(t => t.Id() == teamId)!.Str("teamManager"));

        await teamManager.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, Draft(auditId), new { grades = new[] { new { criterionId = criteria[0], grade = "Good" } } });
        await teamManager.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, Draft(auditId));
        await _scenario.Psw.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, Draft(auditId), new { });
    }

    [Fact]
    public async Task HidesAnAuditTheCallerMayNotSeeWith404()
    {
        var (auditId, criteria) = await AuditAsync();
        var stranger = _factory.ClientFor(DemoUsers.OtherYoungAssessor);

        await stranger.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, Draft(auditId), new { grades = new[] { new { criterionId = criteria[0], grade = "Good" } } });
        await stranger.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, Draft(auditId));
        await _scenario.YoungAssessor.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, Draft(Guid.NewGuid()));
    }

    [Fact]
    public async Task RejectsACriterionOutsideTheAuditsTemplateNamingTheEntry()
    {
        var (auditId, criteria) = await AuditAsync();

        var problem = await _scenario.Auditor.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, Draft(auditId), new
        {
            grades = new[] { new { criterionId = criteria[0], grade = "Good" }, new { criterionId = Guid.NewGuid(), grade = "Good" } },
        });

        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["grades[1].criterionId"]);
        (await _scenario.Auditor.GetOkAsync(Draft(auditId))).Arr("grades").ShouldBeEmpty();
    }

    [Fact]
    public async Task RejectsEvidenceLongerThanGradingAllowsAndGradesOffTheScale()
    {
        var (auditId, criteria) = await AuditAsync();

        var tooLong = await _scenario.Auditor.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, Draft(auditId), new
        {
            grades = new object[] { new { criterionId = criteria[0], evidence = new string('x', 4001) } },
        });
        var offTheScale = await _scenario.Auditor.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, Draft(auditId), new
        {
            grades = new object[] { new { criterionId = criteria[0], grade = "Good" }, new { criterionId = criteria[1], grade = 9 } },
            overall = 0,
        });

        tooLong["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["grades[0].evidence"]);
        offTheScale["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["grades[1].grade", "overall"], ignoreOrder: true);
    }

    [Fact]
    public async Task RecordsEveryChangeToADraftAndEveryRead()
    {
        var (auditId, criteria) = await AuditAsync();
        await _scenario.Auditor.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Draft(auditId), new { grades = new[] { new { criterionId = criteria[0], grade = "Good" } } });
        await _scenario.Auditor.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Draft(auditId), new { overall = "Good" });
        await _scenario.Auditor.GetOkAsync(Draft(auditId));
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        var changes = await _factory.WithDbAsync(db => db.ChangeRecords.AsNoTracking()
            .Where(c => c.Entity == "GradingDraft" || c.Entity == "DraftGrade")
            .OrderBy(c => c.Id)
            .Select(c => new { c.Entity, c.Operation, c.UserName, c.Changes })
            .ToListAsync());

        // One row per draft per request: its grades are parts of it, named in the row.
        changes.Select(c => c.Operation).ShouldBe(["Added", "Modified", "Deleted"]);
        changes.ShouldAllBe(c => c.Entity == "GradingDraft" && c.UserName == DemoUsers.Auditor);
        changes[0].Changes!.ShouldContain("\"added\":{\"DraftGrade\":[");
        changes[0].Changes!.ShouldContain($",{criteria[0]}\"");
        changes[1].Changes!.ShouldContain("\"fields\":[");
        changes[1].Changes!.ShouldContain("\"Overall\"");
        changes[1].Changes!.ShouldContain("\"deleted\":{\"DraftGrade\":[");
        changes[2].Changes.ShouldBeNull();

        var reads = await _factory.WithDbAsync(db => db.AccessRecords.AsNoTracking().Where(r => r.AuditId == auditId && r.View == "grading draft").Select(r => r.UserName).ToListAsync());
        reads.ShouldBe([DemoUsers.Auditor]);
    }

    [Fact]
    public async Task EachSaveReplacesTheDraft()
    {
        var (auditId, criteria) = await AuditAsync();

        await _scenario.Auditor.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Draft(auditId), new { grades = new[] { new { criterionId = criteria[0], grade = "Good" } } });
        var second = await _scenario.Auditor.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Draft(auditId), new { grades = new[] { new { criterionId = criteria[0], grade = "Inadequate" } } });

        second["version"]!.GetValue<int>().ShouldBe(2);
        (await _scenario.Auditor.GetOkAsync(Draft(auditId))).Arr("grades").ShouldHaveSingleItem()!.Str("grade").ShouldBe("Inadequate");
    }
}
