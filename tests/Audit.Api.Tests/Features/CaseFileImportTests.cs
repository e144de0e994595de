using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

public sealed class CaseFileImportTests : IDisposable
{
    private const string Header = "reference,team,serviceArea,stage,worker,childAgeBand";
    private readonly AuditApiFactory _factory = new();
    private readonly AuditClient _psw;

    public CaseFileImportTests() => _psw = _factory.ClientFor(DemoUsers.Psw);

    public void Dispose() => _factory.Dispose();

    private Task<HttpResponseMessage> ImportAsync(string csv, AuditClient? caller = null) =>
        (caller ?? _psw).SendAsync(HttpMethod.Post, "/api/case-files/import", new StringContent(csv, Encoding.UTF8, new MediaTypeHeaderValue("text/csv")));

    [Fact]
    public async Task ImportsNewCaseFilesAndUpdatesKnownOnesByReference()
    {
        var csv = $"""
            {Header}
            CF-900001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9
            CF-900002,Children Looked After,ChildrenLookedAfter,Review,"Orrin Vale, senior practitioner",TenToFifteen
            CF-100001,Early Help North,EarlyHelp,Plan,Sefa Brook,UnderFive
            """;

        var response = await ImportAsync(csv);

        var result = await Scenario.AsJsonAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, result.ToJsonString());
        result["rows"]!.GetValue<int>().ShouldBe(3);
        result["added"]!.GetValue<int>().ShouldBe(2);
        result["updated"]!.GetValue<int>().ShouldBe(1);
        var updated = await _factory.WithDbAsync(db => db.CaseFiles.SingleAsync(c => c.Reference == "CF-100001"));
        updated.AllocatedWorker.ShouldBe("Sefa Brook");
        var quoted = await _factory.WithDbAsync(db => db.CaseFiles.SingleAsync(c => c.Reference == "CF-900002"));
        quoted.AllocatedWorker.ShouldBe("Orrin Vale, senior practitioner");
    }

    private Task<int> CaseFileChangesAsync() => _factory.WithDbAsync(db => db.ChangeRecords.CountAsync(r => r.Entity == "CaseFile"));

    [Fact]
    public async Task ReimportingIdenticalRowsReportsThemUnchangedAndWritesNoChange()
    {
        var csv = $"""
            {Header}
            CF-900001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9
            CF-900002,Children Looked After,ChildrenLookedAfter,Review,"Orrin Vale, senior practitioner",TenToFifteen
            """;
        (await ImportAsync(csv)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var changes = await CaseFileChangesAsync();

        var response = await ImportAsync(csv.Replace("Pia Lorne", "  Pia Lorne ", StringComparison.Ordinal));

        var result = await Scenario.AsJsonAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, result.ToJsonString());
        (result["rows"]!.GetValue<int>(), result["added"]!.GetValue<int>(), result["updated"]!.GetValue<int>(), result["unchanged"]!.GetValue<int>())
            .ShouldBe((2, 0, 0, 2));
        (await CaseFileChangesAsync()).ShouldBe(changes, "an unchanged row writes no change record");
    }

    [Fact]
    public async Task AReimportCountsAddedUpdatedAndUnchangedRowsApartAndRecordsOnlyTheChanges()
    {
        (await ImportAsync($"""
            {Header}
            CF-900001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9
            CF-900002,Early Help North,EarlyHelp,Plan,Orrin Vale,10-15
            CF-900003,Early Help North,EarlyHelp,Review,Sefa Brook,UnderFive
            """)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var changes = await CaseFileChangesAsync();

        var response = await ImportAsync($"""
            {Header}
            CF-900001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9
            CF-900002,Early Help North,EarlyHelp,Review,Orrin Vale,10-15
            CF-900003,Early Help North,EarlyHelp,Review,Sefa Brook,5-9
            CF-900004,Early Help North,EarlyHelp,Assessment,Pia Lorne,UnderFive
            CF-900005,Children in Need East,ChildrenInNeed,Plan,Pia Lorne,10-15
            """);

        var result = await Scenario.AsJsonAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, result.ToJsonString());
        (result["rows"]!.GetValue<int>(), result["added"]!.GetValue<int>(), result["updated"]!.GetValue<int>(), result["unchanged"]!.GetValue<int>())
            .ShouldBe((5, 2, 2, 1));
        (await CaseFileChangesAsync()).ShouldBe(changes + 4, "two added and two updated");
        (await _factory.WithDbAsync(db => db.CaseFiles.SingleAsync(c => c.Reference == "CF-900002"))).Stage.ShouldBe(Audit.Domain.CaseFiles.Stage.Review);
    }

    [Fact]
    public async Task AFileWithBadRowsImportsNothingAndNamesEveryFault()
    {
        var before = await _factory.WithDbAsync(db => db.CaseFiles.CountAsync());
        var csv = $"""
            {Header}
            CF-900001,Early Help North,EarlyHelp,Assessment,Pia Lorne,5-9
            CF-900002,No Such Team,EarlyHelp,Review,Orrin Vale,10-15
            CF-900001,Early Help North,ChildProtection,Sometime,,Teenager
            """;

        var response = await ImportAsync(csv);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var faults = (await Scenario.AsJsonAsync(response)).Arr("faults").Select(f => $"{f!["line"]}:{f.Str("column")}").ToList();
        faults.ShouldBe(["3:team", "4:reference", "4:serviceArea", "4:stage", "4:worker", "4:childAgeBand"]);
        (await _factory.WithDbAsync(db => db.CaseFiles.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task RefusesAFileWithoutTheExpectedHeader()
    {
        var response = await ImportAsync("ref,team\nCF-1,Early Help North\n");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Scenario.AsJsonAsync(response)).Arr("faults").Single()!.Str("column").ShouldBe("header");
    }

    [Fact]
    public async Task OnlyThePswImports()
    {
        var response = await ImportAsync($"{Header}\n", _factory.ClientFor(DemoUsers.Auditor));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ImportsLargeFilesInBatches()
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 2500; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"BULK-{i:D6},Children in Need East,ChildrenInNeed,Plan,Worker {i % 40},10-15\n");
        }

        var response = await ImportAsync(csv.ToString());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Scenario.AsJsonAsync(response))["added"]!.GetValue<int>().ShouldBe(2500);
        (await _factory.WithDbAsync(db => db.CaseFiles.CountAsync(c => c.Reference.StartsWith("BULK-")))).ShouldBe(2500);
    }

    private static string BulkFile(int rows, Func<int, string> stage, string prefix = "BULK-")
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}{i:D6},Children in Need East,ChildrenInNeed,{stage(i)},Worker {i % 40},10-15\n");
        }

        return csv.ToString();
    }

    private static async Task<(int Rows, int Added, int Updated, int Unchanged)> CountsAsync(HttpResponseMessage response)
    {
        var result = await Scenario.AsJsonAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, result.ToJsonString());
        return (result["rows"]!.GetValue<int>(), result["added"]!.GetValue<int>(), result["updated"]!.GetValue<int>(), result["unchanged"]!.GetValue<int>());
    }

    private Task<List<Audit.Api.Persistence.ChangeRecord>> CaseFileChangesSinceAsync(long id) =>
        _factory.WithDbAsync(db => db.ChangeRecords.Where(r => r.Entity == "CaseFile" && r.Id > id).OrderBy(r => r.Id).ToListAsync());

    private async Task<long> LastChangeIdAsync() => await _factory.WithDbAsync(db => db.ChangeRecords.MaxAsync(r => (long?)r.Id)) ?? 0;

    [Fact]
    public async Task AFileOfThousandsOfRowsRecordsOneChangePerCaseFileAddedOrUpdatedAndNoneForUnchangedOnes()
    {
        const int rows = 3500;
        var start = await LastChangeIdAsync();

        (await CountsAsync(await ImportAsync(BulkFile(rows, _ => "Plan")))).ShouldBe((rows, rows, 0, 0));

        var added = await CaseFileChangesSinceAsync(start);
        added.ShouldAllBe(r => r.Operation == "Added" && r.UserName == DemoUsers.Psw);
        var ids = await _factory.WithDbAsync(db => db.CaseFiles.Where(c => c.Reference.StartsWith("BULK-")).Select(c => c.Id).ToListAsync());
        added.Select(r => r.EntityKey).Order().ShouldBe(ids.Select(id => id.ToString()).Order(), "one change record per case file added, naming it");

        var afterAdding = await LastChangeIdAsync();
        (await CountsAsync(await ImportAsync(BulkFile(rows, _ => "Plan")))).ShouldBe((rows, 0, 0, rows));
        (await CaseFileChangesSinceAsync(afterAdding)).ShouldBeEmpty("an unchanged row writes no change record");

        (await CountsAsync(await ImportAsync(BulkFile(rows, i => i % 10 == 0 ? "Review" : "Plan")))).ShouldBe((rows, 0, rows / 10, rows - (rows / 10)));
        var modified = await CaseFileChangesSinceAsync(afterAdding);
        modified.Count.ShouldBe(rows / 10);
        modified.ShouldAllBe(r => r.Operation == "Modified");
        var reviewed = await _factory.WithDbAsync(db => db.CaseFiles.Where(c => c.Reference.StartsWith("BULK-") && c.Stage == Audit.Domain.CaseFiles.Stage.Review).Select(c => c.Id).ToListAsync());
        modified.Select(r => r.EntityKey).Order().ShouldBe(reviewed.Select(id => id.ToString()).Order(), "the change records name the case files that changed");
        var last = Guid.Parse(modified[^1].EntityKey);
        (await _factory.WithDbAsync(db => db.CaseFiles.SingleAsync(c => c.Id == last))).Stage.ShouldBe(Audit.Domain.CaseFiles.Stage.Review);
    }

    [Fact]
    public async Task AReferenceRepeatedFarDownTheFileIsRefusedAtItsLineAndNothingIsImported()
    {
        var before = await _factory.WithDbAsync(db => db.CaseFiles.CountAsync());
        var csv = BulkFile(2500, _ => "Plan").Replace("BULK-002300,", "bulk-000002,", StringComparison.Ordinal);

        var response = await ImportAsync(csv);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var faults = (await Scenario.AsJsonAsync(response)).Arr("faults").Select(f => $"{f!["line"]}:{f.Str("column")}").ToList();
        faults.ShouldBe(["2302:reference"]);
        (await _factory.WithDbAsync(db => db.CaseFiles.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task LinkingAWorkerCountsAsAnUpdateAndTheSameLinkAgainAsUnchanged()
    {
        var plain = $"{Header}\nCF-900001,Early Help North,EarlyHelp,Assessment,Alys Penrose,5-9\n";
        var linked = $"{Header},workerUserName\nCF-900001,Early Help North,EarlyHelp,Assessment,Alys Penrose,5-9,alys.penrose\n";
        (await CountsAsync(await ImportAsync(plain))).ShouldBe((1, 1, 0, 0));

        (await CountsAsync(await ImportAsync(linked))).ShouldBe((1, 0, 1, 0));
        (await CountsAsync(await ImportAsync(linked))).ShouldBe((1, 0, 0, 1));
        (await CountsAsync(await ImportAsync(plain))).ShouldBe((1, 0, 0, 1), "a file without the column leaves the link as it is");

        (await _factory.WithDbAsync(db => db.CaseFiles.SingleAsync(c => c.Reference == "CF-900001"))).WorkerUserName.ShouldBe("alys.penrose");
    }
}
