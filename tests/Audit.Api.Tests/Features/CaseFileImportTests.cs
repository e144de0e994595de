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
}
