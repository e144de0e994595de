using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

public sealed class EvidenceImportTests : IDisposable
{
    private const string Header = "reference,month,hasAccount,statements,statementsBeforeReview,contributedToReview";
    private readonly AuditApiFactory _factory = new();
    private readonly AuditClient _psw;

    public EvidenceImportTests() => _psw = _factory.ClientFor(DemoUsers.Psw);

    public void Dispose() => _factory.Dispose();

    private Task<HttpResponseMessage> ImportAsync(string csv, AuditClient? caller = null) =>
        (caller ?? _psw).SendAsync(HttpMethod.Post, "/api/evidence/import", new StringContent(csv, Encoding.UTF8, new MediaTypeHeaderValue("text/csv")));

    private Task<int> EvidenceCountAsync() => _factory.WithDbAsync(db => db.ParticipationEvidence.CountAsync());

    private Task<int> EvidenceChangesAsync() => _factory.WithDbAsync(db => db.ChangeRecords.CountAsync(r => r.Entity == "ParticipationEvidence" && r.UserName == DemoUsers.Psw));

    private static async Task<(int Rows, int Added, int Updated, int Unchanged)> CountsAsync(HttpResponseMessage response)
    {
        var result = await Scenario.AsJsonAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, result.ToJsonString());
        return (result["rows"]!.GetValue<int>(), result["added"]!.GetValue<int>(), result["updated"]!.GetValue<int>(), result["unchanged"]!.GetValue<int>());
    }

    [Fact]
    public async Task ImportsEachCaseFilesMonthAndRecordsWhoImportedIt()
    {
        var response = await ImportAsync($"""
            {Header}
            CF-100001,2026-10,true,4,2,true
            CF-100001,2026-11,true,1,0,false
            cf-100002,2026-11,false,0,0,false
            """);

        (await CountsAsync(response)).ShouldBe((3, 3, 0, 0));
        var october = await _factory.WithDbAsync(db =>
            db.ParticipationEvidence.SingleAsync(e => e.Month == "2026-10" && db.CaseFiles.Any(c => c.Id == e.CaseFileId && c.Reference == "CF-100001")));
        (october.HasAccount, october.Statements, october.StatementsBeforeReview, october.ContributedToReview).ShouldBe((true, 4, 2, true));
        (await EvidenceChangesAsync()).ShouldBe(3, "each row written is recorded with who wrote it");
    }

    [Fact]
    public async Task AReimportUpdatesChangedMonthsAndLeavesTheSameOnesUnchanged()
    {
        await CountsAsync(await ImportAsync($"""
            {Header}
            CF-100001,2026-10,true,4,2,true
            CF-100002,2026-10,false,0,0,false
            """));
        var changes = await EvidenceChangesAsync();

        var response = await ImportAsync($"""
            {Header}
            CF-100001,2026-10,true,6,3,true
            CF-100002,2026-10,false,0,0,false
            CF-100003,2026-10,true,1,1,false
            """);

        (await CountsAsync(response)).ShouldBe((3, 1, 1, 1));
        (await EvidenceCountAsync()).ShouldBe(3);
        (await EvidenceChangesAsync()).ShouldBe(changes + 2, "one added and one updated; the unchanged row writes nothing");
        var updated = await _factory.WithDbAsync(db =>
            db.ParticipationEvidence.SingleAsync(e => db.CaseFiles.Any(c => c.Id == e.CaseFileId && c.Reference == "CF-100001")));
        (updated.Statements, updated.StatementsBeforeReview).ShouldBe((6, 3));
    }

    [Fact]
    public async Task AFileWithFaultsImportsNothingAndNamesEveryFaultByLineAndColumn()
    {
        var response = await ImportAsync($"""
            {Header}
            CF-100001,2026-10,true,4,2,true
            CF-NOPE,2026-13,yes,-1,1.5,TRUE
            ,Nov 2026,false,x,0,
            CF-100001,2026-10,true,4,5,true
            CF-100002,2026-1,false,0,0,false
            """);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var faults = (await Scenario.AsJsonAsync(response)).Arr("faults").Select(f => $"{f!["line"]}:{f.Str("column")}").ToList();
        faults.ShouldBe([
            "3:reference", "3:month", "3:hasAccount", "3:statements", "3:statementsBeforeReview", "3:contributedToReview",
            "4:reference", "4:month", "4:statements", "4:contributedToReview",
            "5:month", "5:statementsBeforeReview",
            "6:month",
        ]);
        (await EvidenceCountAsync()).ShouldBe(0, "nothing is imported when any row has a fault, not even the good first row");
    }

    [Fact]
    public async Task RefusesAFileWhoseHeaderIsNotExactlyTheColumns()
    {
        foreach (var header in new[] { "reference,month,hasAccount,statements,statementsBeforeReview", "Reference,Month,HasAccount,Statements,StatementsBeforeReview,ContributedToReview", "" })
        {
            var response = await ImportAsync($"{header}\nCF-100001,2026-10,true,4,2,true\n");

            response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, header);
            (await Scenario.AsJsonAsync(response)).Arr("faults").Single()!.Str("column").ShouldBe("header");
        }
    }

    [Fact]
    public async Task RefusesAFileWithAHeaderAndNoRows()
    {
        var response = await ImportAsync($"{Header}\n");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Scenario.AsJsonAsync(response)).Arr("faults").Single()!.Str("problem").ShouldContain("no rows");
    }

    [Fact]
    public async Task AMisplacedQuoteIsAFaultOnItsLine()
    {
        var response = await ImportAsync($"{Header}\nCF-100001,2026-10,tr\"ue,4,2,true\n");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Scenario.AsJsonAsync(response)).Arr("faults").Select(f => $"{f!["line"]}:{f.Str("column")}").ShouldContain("2:line");
    }

    [Fact]
    public async Task AFaultAfterTheFirstBatchStillImportsNothing()
    {
        var csv = new StringBuilder(Header).Append('\n');
        var references = await _factory.WithDbAsync(db => db.CaseFiles.OrderBy(c => c.Reference).Select(c => c.Reference).ToListAsync());
        var rows = 0;
        for (var year = 2001; rows < 1500; year++)
        {
            for (var month = 1; month <= 12 && rows < 1500; month++)
            {
                foreach (var reference in references.Take(5))
                {
                    csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{reference},{year}-{month:D2},true,3,1,true\n");
                    rows++;
                }
            }
        }

        csv.Append("CF-NOPE,2026-11,true,3,1,true\n");

        var response = await ImportAsync(csv.ToString());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Scenario.AsJsonAsync(response)).Arr("faults").Single()!["line"]!.GetValue<int>().ShouldBe(rows + 2);
        (await EvidenceCountAsync()).ShouldBe(0, "the batches already written are rolled back");
    }

    [Fact]
    public async Task OnlyThePswImports()
    {
        foreach (var user in new[] { DemoUsers.Auditor, DemoUsers.ServiceManager, DemoUsers.YoungAssessor })
        {
            (await ImportAsync($"{Header}\nCF-100001,2026-10,true,4,2,true\n", _factory.ClientFor(user))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        }

        (await EvidenceCountAsync()).ShouldBe(0);
    }
}
