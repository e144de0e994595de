using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

/// <summary>
/// Seeded data for the report tests, made through the API as people would: fifteen audits over the first fifteen
/// case files (two in each of the seven teams, and one more), graded with a spread of grades; seven finalised in
/// November, seven in December, and one still waiting for the young assessor. Some fall below target and raise
/// actions, some of which are closed, in both months, with words that name the case file and its worker. The
/// participation app's evidence is imported for ten of the case files, for October, November and December.
/// </summary>
public sealed class ReportWorld : IAsyncLifetime
{
    public const string EvidenceCsv = """
        reference,month,hasAccount,statements,statementsBeforeReview,contributedToReview
        CF-100001,2026-11,true,5,2,true
        CF-100002,2026-11,true,3,0,false
        CF-100003,2026-11,false,0,0,false
        CF-100004,2026-11,true,7,7,true
        CF-100005,2026-10,true,9,9,true
        CF-100005,2026-11,false,0,0,true
        CF-100008,2026-12,true,2,1,true
        CF-100009,2026-12,true,4,4,false
        CF-100010,2026-12,false,0,0,false
        CF-100010,2026-11,true,8,8,true
        CF-100012,2026-12,true,1,0,true
        """;

    public static readonly DateTimeOffset December = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    public ReportWorld()
        : this(new AuditApiFactory())
    {
    }

    private ReportWorld(AuditApiFactory app) => App = app;

    public AuditApiFactory App { get; }

    /// <summary>The same world on a real loopback port, for a browser to open; dispose it after.</summary>
    public static async Task<ReportWorld> OnItsOwnPortAsync()
    {
        var app = new AuditApiFactory();
        app.UseKestrel(0);
        app.StartServer();
        var world = new ReportWorld(app);
        await world.InitializeAsync();
        return world;
    }

    public Scenario Scenario { get; private set; } = null!;

    public Guid TemplateId { get; private set; }

    /// <summary>The closing words of each closed action, as the team manager wrote them (naming the case file and its worker).</summary>
    public List<string> ClosingWords { get; } = [];

    public async ValueTask InitializeAsync()
    {
        Scenario = new Scenario(App);
        TemplateId = (await Scenario.DudleyTemplateAsync()).Id();
        var criteria = await Scenario.CriterionIdsAsync();
        var audits = await Scenario.PlanRoundAsync(count: 15);
        for (var i = 0; i < audits.Count; i++)
        {
            if (i == 7)
            {
                App.Clock.AdjustTime(December);
            }

            var auditor = i % 3 == 0 ? "RequiresImprovement" : "Good";
            var youngAssessor = i % 2 == 0 ? "Good" : "RequiresImprovement";
            await Scenario.Auditor.PostOkAsync($"/api/audits/{audits[i]}/gradings", Scenario.Grading(criteria, auditor, (i % 6, "Outstanding")));
            if (i < 14)
            {
                await Scenario.YoungAssessor.PostOkAsync($"/api/audits/{audits[i]}/gradings", Scenario.Grading(criteria, youngAssessor, (i % 6, "Good")));
            }
        }

        var evidence = await Scenario.Psw.SendAsync(
            HttpMethod.Post, "/api/evidence/import", new StringContent(EvidenceCsv, Encoding.UTF8, new MediaTypeHeaderValue("text/csv")));
        evidence.StatusCode.ShouldBe(HttpStatusCode.OK, await evidence.Content.ReadAsStringAsync());

        // Close one action of each audit that raised any, the November ones in November and the rest a week on.
        var open = await App.WithDbAsync(db => (
                from action in db.Actions
                join audit in db.Audits on action.AuditId equals audit.Id
                join caseFile in db.CaseFiles on audit.CaseFileId equals caseFile.Id
                orderby caseFile.Reference, action.Id
                select new { action.Id, action.AuditId, action.Assignee, caseFile.Reference, caseFile.AllocatedWorker })
            .ToListAsync());
        foreach (var action in open.GroupBy(a => a.AuditId).Select(g => g.First()))
        {
            App.Clock.AdjustTime(action.Reference.CompareTo("CF-100008") < 0 ? new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero) : December.AddDays(7));
            var words = $"{action.AllocatedWorker} met the child for {action.Reference}; the child now chairs part of their review, as they asked.";
            ClosingWords.Add(words);
            await App.ClientFor(action.Assignee).PostOkAsync($"/api/actions/{action.Id}/close", new { whatChanged = words });
        }

        App.Clock.AdjustTime(December.AddDays(10));
    }

    public ValueTask DisposeAsync()
    {
        App.Dispose();
        return ValueTask.CompletedTask;
    }
}
