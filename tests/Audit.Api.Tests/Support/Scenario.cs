using System.Net;
using System.Text.Json.Nodes;

namespace Audit.Api.Tests.Support;

/// <summary>Plans rounds and grades audits through the API, as the people in the loop would.</summary>
public sealed class Scenario(AuditApiFactory factory, string? council = null)
{
    /// <summary>The council whose people these are; null for the default council.</summary>
    public string? Council => council;

    public AuditClient Psw { get; } = factory.ClientFor(DemoUsers.Psw, council);
    public AuditClient Auditor { get; } = factory.ClientFor(DemoUsers.Auditor, council);
    public AuditClient YoungAssessor { get; } = factory.ClientFor(DemoUsers.YoungAssessor, council);

    public async Task<JsonNode> DudleyTemplateAsync() =>
        (await Psw.GetOkAsync("/api/templates")).AsArray().Single(t => t.Str("name").StartsWith("Voice of the child", StringComparison.Ordinal))!;

    public async Task<IReadOnlyList<Guid>> CriterionIdsAsync() =>
        (await DudleyTemplateAsync()).Arr("criteria").Select(c => c.Id()).ToList();

    public async Task<IReadOnlyList<JsonNode>> CaseFilesAsync(int count) =>
        (await Psw.GetOkAsync("/api/case-files")).AsArray().Take(count).Select(n => n!).ToList();

    /// <summary>Plans a round over the first <paramref name="count"/> case files; returns the audit ids.</summary>
    public async Task<IReadOnlyList<Guid>> PlanRoundAsync(int count = 1, int skip = 0)
    {
        var template = await DudleyTemplateAsync();
        var caseFiles = (await Psw.GetOkAsync("/api/case-files")).AsArray().Skip(skip).Take(count).Select(c => c.Id()).ToList();
        var round = await Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Autumn voice audit",
            templateId = template.Id(),
            dueOn = "2026-12-18",
            caseFileIds = caseFiles,
            auditor = DemoUsers.Auditor,
            youngAssessor = DemoUsers.YoungAssessor,
        });
        return round.Arr("auditIds").Select(a => Guid.Parse(a!.GetValue<string>())).ToList();
    }

    /// <summary>A grading body: every criterion <paramref name="grade"/>, except those given in <paramref name="except"/>.</summary>
    public static object Grading(IReadOnlyList<Guid> criteria, string grade, params (int Index, string Grade)[] except) => new
    {
        grades = criteria.Select((id, i) => new
        {
            criterionId = id,
            grade = except.FirstOrDefault(e => e.Index == i).Grade ?? grade,
            evidence = $"Evidence for criterion {i + 1} found in the review record.",
        }),
        overall = grade,
    };

    public static async Task<JsonNode> AsJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
