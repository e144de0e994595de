using System.Net;

namespace Audit.Api.Tests.Support;

/// <summary>Audits graded by two pairs of graders, some moderated, over two months: what the agreement report reads.</summary>
public static class AgreementSeed
{
    /// <summary>
    /// Round one (Ivan Quill and Jay) graded in November, two audits moderated; round two (Rhea Bramble and Mo) in
    /// December, its last audit graded by the auditor alone, so not final.
    /// </summary>
    public static async Task<Guid> SeedAsync(AuditApiFactory factory, Scenario scenario)
    {
        var criteria = await scenario.CriterionIdsAsync();
        var template = (await scenario.DudleyTemplateAsync()).Id();

        var november = await scenario.PlanRoundAsync(6);
        var inadequate = Scenario.Grading(criteria, "Good", (0, "Inadequate"), (1, "Inadequate"), (2, "Inadequate"));
        var firstRound = new (object Auditor, object? YoungAssessor)[]
        {
            (inadequate, Scenario.Grading(criteria, "Good")),
            (inadequate, Scenario.Grading(criteria, "Good", (5, "Outstanding"))),
            (Scenario.Grading(criteria, "Good"), Scenario.Grading(criteria, "Good", (1, "RequiresImprovement"))),
            (Scenario.Grading(criteria, "Outstanding", (3, "Good")), Scenario.Grading(criteria, "Good")),
            (Scenario.Grading(criteria, "RequiresImprovement"), Scenario.Grading(criteria, "RequiresImprovement", (0, "Good"), (4, "Good"))),
            (Scenario.Grading(criteria, "Good", (2, "Outstanding")), Scenario.Grading(criteria, "Outstanding", (2, "Good"))),
        };
        await GradeAsync(factory, november, firstRound, scenario.Auditor, scenario.YoungAssessor);

        foreach (var audit in november.Take(2))
        {
            factory.Clock.Advance(TimeSpan.FromHours(1));
            await scenario.Psw.PostOkAsync($"/api/audits/{audit}/moderation", new
            {
                grades = new[] { 0, 1, 2 }.Select(i => new { criterionId = criteria[i], grade = "RequiresImprovement", reason = "Some of the child's words are recorded." }),
            });
        }

        factory.Clock.Advance(TimeSpan.FromDays(31));
        var otherAuditor = factory.ClientFor(DemoUsers.OtherAuditor);
        var otherYoungAssessor = factory.ClientFor(DemoUsers.OtherYoungAssessor);
        var round = await scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Winter voice audit",
            templateId = template,
            dueOn = "2027-01-29",
            caseFileIds = (await scenario.Psw.GetOkAsync("/api/case-files")).AsArray().Skip(6).Take(3).Select(c => c.Id()).ToList(),
            auditor = DemoUsers.OtherAuditor,
            youngAssessor = DemoUsers.OtherYoungAssessor,
        });
        var december = round.Arr("auditIds").Select(a => Guid.Parse(a!.GetValue<string>())).ToList();
        await GradeAsync(factory, 
            december,
            [
                (Scenario.Grading(criteria, "Good"), Scenario.Grading(criteria, "Good", (0, "Outstanding"))),
                (Scenario.Grading(criteria, "RequiresImprovement", (5, "Good")), Scenario.Grading(criteria, "Good")),
                (Scenario.Grading(criteria, "Outstanding"), null),
            ],
            otherAuditor,
            otherYoungAssessor);
        return template;
    }

    private static async Task GradeAsync(AuditApiFactory factory, IReadOnlyList<Guid> audits, (object Auditor, object? YoungAssessor)[] gradings, AuditClient auditor, AuditClient youngAssessor)
    {
        for (var i = 0; i < audits.Count; i++)
        {
            factory.Clock.Advance(TimeSpan.FromHours(1));
            await auditor.PostOkAsync($"/api/audits/{audits[i]}/gradings", gradings[i].Auditor);
            if (gradings[i].YoungAssessor is { } grading)
            {
                await youngAssessor.PostOkAsync($"/api/audits/{audits[i]}/gradings", grading);
            }
        }
    }
}
