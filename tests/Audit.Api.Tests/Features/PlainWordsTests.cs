using System.Net;
using System.Text.RegularExpressions;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

/// <summary>Criteria in plain words for young assessors: shown to them instead of the staff wording.</summary>
public sealed partial class PlainWordsTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public PlainWordsTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task StaffSeeTheTitleGuidanceAndPlainWords()
    {
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        var criterion = (await _scenario.Auditor.GetOkAsync($"/api/audits/{auditId}")).Arr("criteria")[0];

        criterion.Str("title").ShouldBe("I am listened to.");
        criterion.Str("guidance").ShouldStartWith("The record shows the child's own words");
        criterion.Str("plainWords").ShouldBe("Did the worker listen to the child?");
    }

    [Fact]
    public async Task AYoungAssessorSeesThePlainWordsAsTheTitleAndNoStaffWording()
    {
        var template = await _scenario.DudleyTemplateAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        var criteria = (await _scenario.YoungAssessor.GetOkAsync($"/api/audits/{auditId}")).Arr("criteria");

        criteria.Select(c => c.Id()).ShouldBe(template.Arr("criteria").Select(c => c.Id()));
        criteria.Select(c => c.Str("title")).ShouldBe(template.Arr("criteria").Select(c => c.Str("plainWords")));
        criteria.ShouldAllBe(c => c!["guidance"] == null);
        var body = (await _scenario.YoungAssessor.GetOkAsync($"/api/audits/{auditId}")).ToJsonString();
        foreach (var staff in template.Arr("criteria").Select(c => c.Str("guidance")))
        {
            body.ShouldNotContain(staff);
        }
    }

    [Fact]
    public async Task AYoungAssessorSeesTheTitleWhereACriterionHasNoPlainWords()
    {
        var created = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/templates", new
        {
            name = "What children say they need (Stockton)",
            criteria = new object[]
            {
                new { title = "Vigilance", guidance = "Adults notice when things are wrong.", plainWords = "  Did adults notice when things were wrong?  " },
                new { title = "Advocacy", guidance = "An advocate was offered." },
            },
            target = new { atLeast = "Good", percent = 70 },
            graders = new[] { "Auditor", "YoungAssessor" },
        });
        created.Arr("criteria").Select(c => c!["plainWords"]?.GetValue<string>()).ShouldBe(["Did adults notice when things were wrong?", null]);
        var caseFile = (await _scenario.CaseFilesAsync(1))[0].Id();
        var round = await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Stockton", templateId = created.Id(), dueOn = "2026-12-18", caseFileIds = new[] { caseFile },
            auditor = DemoUsers.Auditor, youngAssessor = DemoUsers.YoungAssessor,
        });

        var criteria = (await _scenario.YoungAssessor.GetOkAsync($"/api/audits/{round.Arr("auditIds")[0]!.GetValue<string>()}")).Arr("criteria");

        criteria.Select(c => c.Str("title")).ShouldBe(["Did adults notice when things were wrong?", "Advocacy"]);
        criteria.ShouldAllBe(c => c!["guidance"] == null);
    }

    [Fact]
    public async Task RejectsPlainWordsLongerThanGuidanceMayBe()
    {
        var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/templates", new
        {
            name = "Too long",
            criteria = new[] { new { title = "Vigilance", guidance = "", plainWords = new string('x', 4001) } },
            target = new { atLeast = "Good", percent = 70 },
            graders = new[] { "Auditor" },
        });

        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["criteria[0].plainWords"]);
    }

    /// <summary>A rough check of reading age 12 or lower: short sentences of short, common words.</summary>
    [Fact]
    public async Task TheDudleyPrinciplesHavePlainWordsInShortSentences()
    {
        var plain = (await _scenario.DudleyTemplateAsync()).Arr("criteria").Select(c => c.Str("plainWords")).ToList();

        plain.Count.ShouldBe(6);
        foreach (var sentence in plain.SelectMany(p => SentenceEnd().Split(p)).Where(s => s.Length > 0))
        {
            var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            words.Length.ShouldBeLessThanOrEqualTo(12, sentence);
            words.ShouldAllBe(w => w.Trim('?', '.', ',').Length <= 7, sentence);
        }
    }

    [GeneratedRegex(@"(?<=[?.!])\s*")]
    private static partial Regex SentenceEnd();
}
