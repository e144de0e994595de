using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Features.Templates;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Audit.Api.Tests.Features;

/// <summary>Templates in versions: an edit makes the next version, audits keep the version they started on, retiring hides a template from new work.</summary>
public sealed class TemplateVersioningTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public TemplateVersioningTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private static object Body(string name = "Voice of the child (Dudley principles)", params string[] titles) => new
    {
        name,
        criteria = (titles.Length == 0 ? ["I am listened to.", "I know what happens next."] : titles)
            .Select(t => new { title = t, guidance = $"Look for: {t}", plainWords = $"In plain words: {t}" }),
        target = new { atLeast = "Good", percent = 70 },
        graders = new[] { "Auditor", "YoungAssessor" },
    };

    private Task<JsonNode> EditAsync(Guid id, object? body = null) =>
        _scenario.Psw.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/templates/{id}", body ?? Body());

    private async Task<(JsonArray Items, int Total)> ListAsync(string query = "")
    {
        var response = await _scenario.Psw.GetAsync("/api/templates" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var total = int.Parse(response.Headers.GetValues(PagedExtensions.TotalCountHeader).Single(), CultureInfo.InvariantCulture);
        return ((await Scenario.AsJsonAsync(response)).AsArray(), total);
    }

    private static List<Guid> CriterionIds(JsonNode template) => template.Arr("criteria").Select(c => c.Id()).ToList();

    [Fact]
    public async Task PutMakesTheNextVersionAndLeavesTheOldOneAsItWas()
    {
        var first = await _scenario.DudleyTemplateAsync();
        first["version"]!.GetValue<int>().ShouldBe(1);
        first.Id("lineageId").ShouldBe(first.Id());
        first["latest"]!.GetValue<bool>().ShouldBeTrue();

        var second = await EditAsync(first.Id(), Body("Voice of the child, 2027", "I am listened to.", "I know what happens next.", "I feel safe."));

        second.ShouldSatisfyAllConditions(
            s => s.Id().ShouldNotBe(first.Id()),
            s => s.Id("lineageId").ShouldBe(first.Id()),
            s => s["version"]!.GetValue<int>().ShouldBe(2),
            s => s["latest"]!.GetValue<bool>().ShouldBeTrue(),
            s => s.Str("name").ShouldBe("Voice of the child, 2027"),
            s => s.Arr("criteria").Select(c => c.Str("title")).ShouldBe(["I am listened to.", "I know what happens next.", "I feel safe."]),
            s => s.Arr("criteria")[0].Str("plainWords").ShouldBe("In plain words: I am listened to."),
            s => s["target"]!["percent"]!.GetValue<int>().ShouldBe(70),
            s => s.Str("createdBy").ShouldBe(DemoUsers.Psw));
        CriterionIds(second).ShouldAllBe(id => !CriterionIds(first).Contains(id));

        var old = await _scenario.Auditor.GetOkAsync($"/api/templates/{first.Id()}");
        old["version"]!.GetValue<int>().ShouldBe(1);
        old["latest"]!.GetValue<bool>().ShouldBeFalse();
        old.Str("name").ShouldBe(first.Str("name"));
        CriterionIds(old).ShouldBe(CriterionIds(first));
    }

    [Fact]
    public async Task ARunningAuditKeepsTheCriteriaItStartedOnAfterAnEdit()
    {
        var first = await _scenario.DudleyTemplateAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        var second = await EditAsync(first.Id());

        var audit = await _scenario.Auditor.GetOkAsync($"/api/audits/{auditId}");
        audit.Arr("criteria").Select(c => c.Id()).ShouldBe(CriterionIds(first));
        audit.Arr("criteria").Select(c => c.Str("title")).ShouldBe(first.Arr("criteria").Select(c => c.Str("title")));
        await _scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(CriterionIds(first), "Good"));
        var refused = await _scenario.YoungAssessor.PostAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(CriterionIds(second), "Good"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await _scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(CriterionIds(first), "Good"));
        (await _scenario.AuditStateAsync(auditId)).ShouldBe("Completed");
    }

    [Fact]
    public async Task ARoundPlannedOnTheNewVersionGradesItsCriteria()
    {
        var first = await _scenario.DudleyTemplateAsync();
        var second = await EditAsync(first.Id());
        var caseFile = (await _scenario.CaseFilesAsync(1))[0].Id();

        var round = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "After the edit", templateId = second.Id(), dueOn = "2026-12-18", caseFileIds = new[] { caseFile },
            auditor = DemoUsers.Auditor, youngAssessor = DemoUsers.YoungAssessor,
        });

        var audit = await _scenario.Auditor.GetOkAsync($"/api/audits/{round.Arr("auditIds")[0]!.GetValue<string>()}");
        audit.Arr("criteria").Select(c => c.Id()).ShouldBe(CriterionIds(second));
    }

    [Fact]
    public async Task NewRoundsTakeTheNewestVersionWhicheverVersionIsNamed()
    {
        var first = await _scenario.DudleyTemplateAsync();
        var second = await EditAsync(first.Id());
        var third = await EditAsync(second.Id(), Body("Voice of the child, third", "I feel safe."));

        foreach (var named in new[] { first.Id(), second.Id(), third.Id() })
        {
            var newest = await _factory.WithDbAsync(db => TemplateVersions.NewestForNewRoundsAsync(db, named, CancellationToken.None));
            newest.Id.ShouldBe(third.Id());
            newest.Version.ShouldBe(3);
            newest.Criteria.Select(c => c.Id).ShouldBe(CriterionIds(third));
        }
    }

    [Fact]
    public async Task NewRoundsCannotTakeAnUnknownOrRetiredTemplate()
    {
        var first = await _scenario.DudleyTemplateAsync();
        var second = await EditAsync(first.Id());

        var unknown = await Should.ThrowAsync<InvalidFieldException>(() =>
            _factory.WithDbAsync(db => TemplateVersions.NewestForNewRoundsAsync(db, Guid.NewGuid(), CancellationToken.None)));
        unknown.Field.ShouldBe("templateId");

        await _scenario.Psw.PostOkAsync($"/api/templates/{second.Id()}/retire", new { });
        foreach (var named in new[] { first.Id(), second.Id() })
        {
            var retired = await Should.ThrowAsync<InvalidFieldException>(() =>
                _factory.WithDbAsync(db => TemplateVersions.NewestForNewRoundsAsync(db, named, CancellationToken.None)));
            retired.Field.ShouldBe("templateId");
            retired.Message.ShouldContain("retired");
        }
    }

    [Fact]
    public async Task TheListShowsTheNewestVersionOfEachTemplateAndAllVersionsOnRequest()
    {
        var first = await _scenario.DudleyTemplateAsync();
        var (before, totalBefore) = await ListAsync();
        totalBefore.ShouldBe(before.Count);

        var second = await EditAsync(first.Id());

        var (newest, total) = await ListAsync();
        total.ShouldBe(totalBefore);
        newest.Select(t => t.Id()).ShouldContain(second.Id());
        newest.Select(t => t.Id()).ShouldNotContain(first.Id());
        newest.ShouldAllBe(t => t!["latest"]!.GetValue<bool>());

        var (all, allTotal) = await ListAsync("?allVersions=true");
        allTotal.ShouldBe(totalBefore + 1);
        all.Where(t => t.Id("lineageId") == first.Id()).Select(t => (t.Id(), t!["version"]!.GetValue<int>(), t["latest"]!.GetValue<bool>()))
            .ShouldBe([(second.Id(), 2, true), (first.Id(), 1, false)]);

        var versions = await _scenario.Auditor.SendAsync(HttpMethod.Get, $"/api/templates/{first.Id()}/versions");
        versions.Headers.GetValues(PagedExtensions.TotalCountHeader).Single().ShouldBe("2");
        (await Scenario.AsJsonAsync(versions)).AsArray().Select(t => t.Id()).ShouldBe([second.Id(), first.Id()]);
    }

    [Fact]
    public async Task RetiringHidesTheTemplateFromTheListAndKeepsEveryVersionReadable()
    {
        var first = await _scenario.DudleyTemplateAsync();
        var second = await EditAsync(first.Id());

        var retired = await _scenario.Psw.PostOkAsync($"/api/templates/{first.Id()}/retire", new { });

        retired.Id().ShouldBe(first.Id());
        retired["retiredAt"].ShouldNotBeNull();
        retired.Str("retiredBy").ShouldBe(DemoUsers.Psw);
        (await ListAsync()).Items.Select(t => t.Id("lineageId")).ShouldNotContain(first.Id());
        (await ListAsync("?allVersions=true")).Items.Select(t => t.Id("lineageId")).ShouldNotContain(first.Id());
        var (withRetired, _) = await ListAsync("?includeRetired=true");
        withRetired.Single(t => t.Id("lineageId") == first.Id())!.Id().ShouldBe(second.Id());
        (await ListAsync("?includeRetired=true&allVersions=true")).Items.Count(t => t.Id("lineageId") == first.Id()).ShouldBe(2);
        foreach (var version in new[] { first.Id(), second.Id() })
        {
            (await _scenario.Auditor.GetOkAsync($"/api/templates/{version}"))["retiredAt"]!.GetValue<DateTimeOffset>()
                .ShouldBe(retired["retiredAt"]!.GetValue<DateTimeOffset>());
        }
    }

    [Fact]
    public async Task RetiringTwiceChangesNothing()
    {
        var template = await _scenario.DudleyTemplateAsync();
        var once = await _scenario.Psw.PostOkAsync($"/api/templates/{template.Id()}/retire", new { });
        _factory.Clock.Advance(TimeSpan.FromDays(1));

        var twice = await _scenario.Psw.PostOkAsync($"/api/templates/{template.Id()}/retire", new { });

        twice["retiredAt"]!.GetValue<DateTimeOffset>().ShouldBe(once["retiredAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task EditingAnOlderVersionIsAConflict()
    {
        var first = await _scenario.DudleyTemplateAsync();
        await EditAsync(first.Id());

        var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"/api/templates/{first.Id()}", Body());

        problem.Str("detail").ShouldContain("edit the newest version");
        (await ListAsync("?allVersions=true")).Items.Count(t => t.Id("lineageId") == first.Id()).ShouldBe(2);
    }

    [Fact]
    public async Task ARetiredTemplateCannotBeEdited()
    {
        var template = await _scenario.DudleyTemplateAsync();
        await _scenario.Psw.PostOkAsync($"/api/templates/{template.Id()}/retire", new { });

        var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"/api/templates/{template.Id()}", Body());

        problem.Str("detail").ShouldContain("retired");
        (await ListAsync("?includeRetired=true&allVersions=true")).Items.Count(t => t.Id("lineageId") == template.Id()).ShouldBe(1);
    }

    [Fact]
    public async Task AnEditWithFieldsAtFaultIsRefusedNamingThemAndSavesNothing()
    {
        var template = await _scenario.DudleyTemplateAsync();

        var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"/api/templates/{template.Id()}", new
        {
            name = "",
            criteria = new[] { new { title = "I am listened to.", guidance = "" }, new { title = " ", guidance = "" } },
            target = new { atLeast = "Good", percent = 120 },
            graders = new[] { "YoungAssessor" },
        });

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.ShouldBe(["name", "criteria[1].title", "target.percent", "graders"], ignoreOrder: true);
        (await ListAsync("?allVersions=true")).Items.Count(t => t.Id("lineageId") == template.Id()).ShouldBe(1);
    }

    [Fact]
    public async Task EditingOrRetiringATemplateThatDoesNotExistIsNotFound()
    {
        await _scenario.Psw.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"/api/templates/{Guid.NewGuid()}", Body());
        await _scenario.Psw.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"/api/templates/{Guid.NewGuid()}/retire", new { });
        await _scenario.Psw.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/templates/{Guid.NewGuid()}/versions");
    }

    [Fact]
    public async Task OnlyThePrincipalSocialWorkerEditsOrRetires()
    {
        var template = await _scenario.DudleyTemplateAsync();

        await _scenario.Auditor.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, $"/api/templates/{template.Id()}", Body());
        await _scenario.Auditor.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/templates/{template.Id()}/retire", new { });
        await _scenario.YoungAssessor.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/templates/{template.Id()}/retire", new { });

        var unchanged = await _scenario.DudleyTemplateAsync();
        unchanged.Id().ShouldBe(template.Id());
        unchanged["retiredAt"].ShouldBeNull();
    }

    [Fact]
    [Trait("Database", TestDatabase.SqliteOnly)]
    public async Task TheMigrationMakesEveryExistingTemplateVersionOneOfItsOwnLineage()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = NoUser.ContextOn(new DbContextOptionsBuilder<AuditDbContext>().UseSqlite(connection).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("GradingDraftsAndPlainWords");
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var id in ids)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Templates" ("Id", "Name", "CreatedBy", "CreatedAt", "Graders", "TargetAtLeast", "TargetPercent")
                VALUES ({id}, 'Saved before versions', 'ada.winslow', 0, '[1]', 2, 65)
                """);
        }

        await migrator.MigrateAsync();

        var templates = await db.Templates.AsNoTracking().ToListAsync();
        templates.Select(t => t.Id).ShouldBe(ids, ignoreOrder: true);
        templates.ShouldAllBe(t => t.LineageId == t.Id && t.Version == 1 && t.RetiredAt == null);
    }
}
