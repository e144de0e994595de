using System.Net;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Pages;

/// <summary>
/// The audit pages answer each role as the requests behind them decide: a page about an audit the person may not see
/// is "Page not found", a grading page for someone who may see the audit but does not grade it is "You cannot do
/// this", and every page that opens has one h1 and a title of its own.
/// </summary>
public sealed class AuditPagesTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public AuditPagesTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    private static readonly string[] People = ["Ada Winslow", "Ivan Quill", "Jay", "Tess Harrow", "Sam Rook"];

    /// <summary>Expected GET status per person (in <see cref="People"/> order) for an audit of theirs, then for another's.</summary>
    private static readonly (string Path, int[] Own, int[] Others)[] Expected =
    [
        ("", [200, 200, 200, 200, 200], [200, 404, 404, 404, 404]),
        ("/grade/1", [403, 200, 200, 403, 403], [403, 404, 404, 404, 404]),
        ("/grade/overall", [403, 200, 200, 403, 403], [403, 404, 404, 404, 404]),
        ("/grade/check", [403, 200, 200, 403, 403], [403, 404, 404, 404, 404]),
        ("/grade/done", [403, 302, 302, 403, 403], [403, 404, 404, 404, 404]),
        ("/grade/99", [403, 404, 404, 403, 403], [403, 404, 404, 404, 404]),
        ("/concern", [200, 200, 200, 200, 200], [200, 404, 404, 404, 404]),
        ("/concern/sent", [200, 200, 200, 200, 200], [200, 404, 404, 404, 404]),
        ("/extract", [200, 200, 403, 403, 403], [200, 404, 404, 404, 404]),
        ("/extract/preview", [200, 200, 403, 403, 403], [200, 404, 404, 404, 404]),
    ];

    [Fact]
    public async Task EachRoleGetsTheAuditPagesItsPermissionsAllow()
    {
        // Case file 0 is Early Help North's (Tess Harrow, under Sam Rook); case file 4 is another team under another service manager.
        var own = (await _scenario.PlanRoundAsync(skip: 0)).Single();
        var template = await _scenario.DudleyTemplateAsync();
        var otherFile = (await _scenario.CaseFilesAsync(5))[4].Id();
        var others = Guid.Parse((await _scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = "Another round",
            templateId = template.Id(),
            dueOn = "2026-12-18",
            caseFileIds = new[] { otherFile },
            auditor = DemoUsers.OtherAuditor,
            youngAssessor = DemoUsers.OtherYoungAssessor,
        })).Arr("auditIds")[0]!.GetValue<string>());

        var failures = new List<string>();
        for (var p = 0; p < People.Length; p++)
        {
            var browser = new Browser(_factory);
            await browser.SignInAsync(People[p]);
            var (list, listPage) = await browser.GetAsync("/audits");
            Check(failures, People[p], "/audits", 200, list, listPage);
            foreach (var (path, ownStatus, othersStatus) in Expected)
            {
                foreach (var (id, status) in new[] { (own, ownStatus[p]), (others, othersStatus[p]), (Guid.NewGuid(), 404) })
                {
                    var url = $"/audits/{id}{path}";
                    var (response, page) = await browser.GetAsync(url);
                    Check(failures, People[p], url, status, response, page);
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task AYoungAssessorsPagesNameNoCaseFileWorkerOrTeam()
    {
        var auditId = (await _scenario.PlanRoundAsync(skip: 1)).Single();
        var staff = await _scenario.Psw.GetOkAsync($"/api/audits/{auditId}");
        var browser = new Browser(_factory);
        await browser.SignInAsync("Jay");

        foreach (var url in new[] { "/audits", $"/audits/{auditId}", $"/audits/{auditId}/grade/1", $"/audits/{auditId}/grade/overall", $"/audits/{auditId}/grade/check", $"/audits/{auditId}/concern" })
        {
            var text = Browser.Text(await browser.GetOkAsync(url));
            text.ShouldNotContain(staff["caseFile"].Str("reference"), Case.Sensitive, url);
            text.ShouldNotContain(staff["caseFile"].Str("worker"), Case.Sensitive, url);
            text.ShouldNotContain(staff["caseFile"].Str("teamName"), Case.Sensitive, url);
            text.ShouldNotContain(DemoUsers.Auditor, Case.Sensitive, url);
        }
    }

    private static void Check(List<string> failures, string person, string url, int expected, HttpResponseMessage response, AngleSharp.Dom.IDocument page)
    {
        var status = (int)response.StatusCode;
        if (status != expected)
        {
            failures.Add($"{person} GET {url}: {status}, expected {expected}");
            return;
        }

        if (status == 200 && page.QuerySelectorAll("h1").Length != 1)
        {
            failures.Add($"{person} GET {url}: {page.QuerySelectorAll("h1").Length} h1 elements");
        }
    }
}
