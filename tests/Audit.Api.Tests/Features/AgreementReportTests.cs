using System.Net;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

/// <summary>
/// Do the graders agree: every figure of <c>GET /api/reports/agreement</c> equals a computation written here over the
/// rows read back from the database, with kappa in its pairwise form (observed mean squared difference over the mean
/// squared difference of every auditor grade with every young assessor grade), not the confusion-table form the
/// service uses.
/// </summary>
public sealed class AgreementReportTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public AgreementReportTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    internal sealed record PairRow(Guid AuditId, Guid CriterionId, string Auditor, string YoungAssessor, int AuditorPoints, int YoungAssessorPoints);

    internal sealed record Expected(int Pairs, decimal? ExactAgreement, decimal? WeightedKappa);

    private Task<Guid> SeedAsync() => AgreementSeed.SeedAsync(_factory, _scenario);

    /// <summary>The audits and their rows as stored, loaded whole, for the computations written in the tests.</summary>
    internal static Task<List<CaseFileAudit>> AuditsAsync(AuditApiFactory factory) => factory.WithDbAsync(db => db.Audits.AsNoTracking()
        .Include(a => a.Gradings).ThenInclude(g => g.Grades)
        .Include(a => a.Moderation)
        .Include(a => a.History)
        .AsSplitQuery()
        .ToListAsync());

    /// <summary>When an audit's grades became final: its first move into a state of the workflow that fixes them.</summary>
    private static DateTimeOffset? FinalAt(CaseFileAudit audit) =>
        audit.History.Where(h => h.ToState is "ActionsOpen" or "Completed").OrderBy(h => h.Sequence).FirstOrDefault()?.At;

    internal static List<CaseFileAudit> InPeriod(IEnumerable<CaseFileAudit> audits, DateTimeOffset? from, DateTimeOffset? to) =>
        audits.Where(a => FinalAt(a) is { } at && (from is null || at >= from) && (to is null || at < to)).ToList();

    internal static List<PairRow> PairsOf(IEnumerable<CaseFileAudit> audits) =>
        [.. from audit in audits
            from auditor in audit.Gradings.Where(g => g.Role == GraderRole.Auditor)
            from youngAssessor in audit.Gradings.Where(g => g.Role == GraderRole.YoungAssessor)
            from grade in auditor.Grades
            let other = youngAssessor.Grades.SingleOrDefault(g => g.CriterionId == grade.CriterionId)
            where other is not null
            select new PairRow(audit.Id, grade.CriterionId, auditor.Grader, youngAssessor.Grader, (int)grade.Grade, (int)other.Grade)];

    internal static Expected Figures(IReadOnlyList<PairRow> rows)
    {
        if (rows.Count == 0)
        {
            return new Expected(0, null, null);
        }

        var exact = Math.Round(100m * rows.Count(r => r.AuditorPoints == r.YoungAssessorPoints) / rows.Count, 1);
        var observed = rows.Average(r => Math.Pow(r.AuditorPoints - r.YoungAssessorPoints, 2));
        var chance = rows.SelectMany(a => rows.Select(y => Math.Pow(a.AuditorPoints - y.YoungAssessorPoints, 2))).Average();
        decimal? kappa = chance == 0 ? null : Math.Round((decimal)(1 - (observed / chance)), 3);
        return new Expected(rows.Count, exact, kappa);
    }

    private static Expected Figures(JsonNode? node) => new(
        node!["pairs"]!.GetValue<int>(),
        node["exactAgreement"]?.GetValue<decimal>(),
        node["weightedKappa"]?.GetValue<decimal>());

    private static void ShouldMatch(JsonNode report, IReadOnlyList<CaseFileAudit> counted, IReadOnlyList<Guid> criteria)
    {
        var rows = PairsOf(counted);
        Figures(report["overall"]).ShouldBe(Figures(rows));

        var byCriterion = report.Arr("criteria");
        byCriterion.Select(c => c.Id("criterionId")).ShouldBe(criteria);
        foreach (var criterion in byCriterion)
        {
            Figures(criterion).ShouldBe(Figures(rows.Where(r => r.CriterionId == criterion.Id("criterionId")).ToList()), criterion.Str("criterion"));
        }

        var pairs = report.Arr("pairs");
        pairs.Select(p => (p.Str("auditor"), p.Str("youngAssessor"))).Order()
            .ShouldBe(rows.Select(r => (r.Auditor, r.YoungAssessor)).Distinct().Order());
        foreach (var pair in pairs)
        {
            Figures(pair).ShouldBe(Figures(rows.Where(r => r.Auditor == pair.Str("auditor") && r.YoungAssessor == pair.Str("youngAssessor")).ToList()));
        }

        var againstModeration =
            (from audit in counted
             from moderated in audit.Moderation
             from grading in audit.Gradings
             let grade = grading.GradeFor(moderated.CriterionId)
             where grade is not null
             group (int)grade!.Value - (int)moderated.Grade by (grading.Grader, grading.Role) into grader
             select new
             {
                 grader.Key.Grader,
                 Role = grader.Key.Role.ToString(),
                 Grades = grader.Count(),
                 Mean = Math.Round((decimal)grader.Sum() / grader.Count(), 2),
                 Leaning = grader.Count() >= 5 && Math.Abs((decimal)grader.Sum() / grader.Count()) >= 0.5m
                     ? (grader.Sum() > 0 ? "Above" : "Below")
                     : null,
             }).ToList();
        var graders = report.Arr("graders").Select(g => new
        {
            Grader = g.Str("grader"),
            Role = g.Str("role"),
            Grades = g!["grades"]!.GetValue<int>(),
            Mean = g["meanDifference"]!.GetValue<decimal>(),
            Leaning = g["leaning"]?.GetValue<string>(),
        }).ToList();
        graders.OrderBy(g => g.Grader).ThenBy(g => g.Role).ShouldBe(againstModeration.OrderBy(g => g.Grader).ThenBy(g => g.Role));
    }

    [Fact]
    public async Task EveryFigureEqualsTheComputationOverTheStoredGradesForAllTimeAndEachMonth()
    {
        var template = await SeedAsync();
        var criteria = await _scenario.CriterionIdsAsync();
        var audits = await AuditsAsync(_factory);
        var november = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var december = november.AddMonths(1);

        var all = await _scenario.Psw.GetOkAsync($"/api/reports/agreement?templateId={template}");
        var inNovember = await _scenario.Psw.GetOkAsync($"/api/reports/agreement?templateId={template}&from=2026-11-01&to=2026-12-01");
        var fromDecember = await _scenario.Psw.GetOkAsync($"/api/reports/agreement?templateId={template}&from=2026-12-01");

        InPeriod(audits, null, null).Count.ShouldBe(8, "the audit graded by its auditor alone is not final");
        ShouldMatch(all, InPeriod(audits, null, null), criteria);
        ShouldMatch(inNovember, InPeriod(audits, november, december), criteria);
        ShouldMatch(fromDecember, InPeriod(audits, december, null), criteria);

        // The seeded data says something: eight audits of six criteria, two pairs, and the graders of the two
        // moderated audits leaning opposite ways.
        all["overall"]!["pairs"]!.GetValue<int>().ShouldBe(48);
        all.Arr("pairs").Count.ShouldBe(2);
        inNovember.Arr("pairs").Single().Str("auditorName").ShouldBe("Ivan Quill");
        inNovember["overall"]!["pairs"]!.GetValue<int>().ShouldBe(36);
        var leaning = all.Arr("graders").Where(g => g!["leaning"] is not null).ToDictionary(g => g.Str("grader"), g => g.Str("leaning"));
        leaning.ShouldBe(new Dictionary<string, string> { [DemoUsers.Auditor] = "Below", [DemoUsers.YoungAssessor] = "Above" });
    }

    [Fact]
    public async Task AServiceManagerCountsOnlyTheAuditsOfTheirOwnService()
    {
        var template = await SeedAsync();
        var criteria = await _scenario.CriterionIdsAsync();
        var audits = await AuditsAsync(_factory);
        var theirTeams = await _factory.WithDbAsync(db => db.Teams.Where(t => t.ServiceManager == DemoUsers.ServiceManager).Select(t => t.Id).ToListAsync());
        var theirs = InPeriod(audits, null, null).Where(a => theirTeams.Contains(a.TeamId)).ToList();

        var report = await _factory.ClientFor(DemoUsers.ServiceManager).GetOkAsync($"/api/reports/agreement?templateId={template}");

        theirs.Count.ShouldBeInRange(1, 7, "the seeded audits span both services");
        ShouldMatch(report, theirs, criteria);
    }

    [Fact]
    public async Task WithNoPairsEveryShareIsNullNotZero()
    {
        var template = (await _scenario.DudleyTemplateAsync()).Id();

        var report = await _scenario.Psw.GetOkAsync($"/api/reports/agreement?templateId={template}");

        Figures(report["overall"]).ShouldBe(new Expected(0, null, null));
        report.Arr("criteria").ShouldAllBe(c => c!["weightedKappa"] == null && c["pairs"]!.GetValue<int>() == 0);
        report.Arr("pairs").ShouldBeEmpty();
        report.Arr("graders").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("templateId={t}&from=2026-12-01&to=2026-11-01")]
    [InlineData("templateId={t}&from=2026-11-01&to=2026-11-01")]
    [InlineData("templateId={t}&from=yesterday")]
    [InlineData("templateId=not-a-template")]
    [InlineData("from=2026-11-01")]
    public async Task RefusesBadFilters(string query)
    {
        var template = (await _scenario.DudleyTemplateAsync()).Id();

        var response = await _scenario.Psw.GetAsync("/api/reports/agreement?" + query.Replace("{t}", template.ToString(), StringComparison.Ordinal));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task AnUnknownTemplateIsNotFound()
    {
        var response = await _scenario.Psw.GetAsync($"/api/reports/agreement?templateId={Guid.NewGuid()}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(DemoUsers.Auditor)]
    [InlineData(DemoUsers.YoungAssessor)]
    [InlineData("tess.harrow")]
    public async Task GradersAndTeamManagersMayNotReadIt(string userName)
    {
        var template = (await _scenario.DudleyTemplateAsync()).Id();

        var response = await _factory.ClientFor(userName).GetAsync($"/api/reports/agreement?templateId={template}");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
