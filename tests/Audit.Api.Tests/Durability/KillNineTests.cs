using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Audit.Api.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Audit.Api.Tests.Durability;

/// <summary>
/// WAL with synchronous=NORMAL risks the last commits on a power cut, never on a process crash. This proves the second
/// half: the service runs as a child process under concurrent gradings, is killed with SIGKILL mid-stream and started
/// again on the same file, three times over. Every grading it answered 2xx is there, the file passes SQLite's
/// integrity check, and every audit's hash chain holds.
/// </summary>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed class KillNineTests : IDisposable
{
    private const int AuditsPerCycle = 14;
    private readonly string _folder = AuditApiFactory.NewFolder();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp clean-up.
        }
    }

    [Fact]
    public async Task EveryAnsweredGradingSurvivesAKillNineAndTheFileAndChainsHold()
    {
        var answered = new ConcurrentBag<(Guid Audit, string Role)>();
        var allAudits = new List<Guid>();
        for (var cycle = 0; cycle < 3; cycle++)
        {
            await using var service = await ServiceProcess.StartAsync(_folder);
            await CheckAsync(service, answered, allAudits);
            var audits = await PlanRoundAsync(service, cycle);
            allAudits.AddRange(audits);
            await GradeAndKillAsync(service, audits, answered);
        }

        await using (var last = await ServiceProcess.StartAsync(_folder))
        {
            await CheckAsync(last, answered, allAudits);
            await last.KillAsync();
        }

        answered.Count.ShouldBeGreaterThan(10, "the kills came after some gradings were answered");
        await using var file = new SqliteConnection($"Data Source={Path.Combine(_folder, "audit.db")}");
        await file.OpenAsync();
        await using var check = file.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        (await check.ExecuteScalarAsync()).ShouldBe("ok");
    }

    private static async Task<IReadOnlyList<Guid>> PlanRoundAsync(ServiceProcess service, int cycle)
    {
        using var psw = await service.ClientForAsync(DemoUsers.Psw);
        var template = (await psw.GetFromJsonAsync<JsonArray>("/api/templates"))!.Single(t => t.Str("name").StartsWith("Voice of the child", StringComparison.Ordinal))!;
        var caseFiles = (await psw.GetFromJsonAsync<JsonArray>("/api/case-files?take=200"))!.Skip(cycle * AuditsPerCycle).Take(AuditsPerCycle).Select(c => c.Id()).ToList();
        var response = await psw.PostAsJsonAsync("/api/rounds", new
        {
            name = $"Durability {cycle + 1}", templateId = template.Id(), dueOn = "2027-01-29", caseFileIds = caseFiles,
            auditor = DemoUsers.Auditor, youngAssessor = DemoUsers.YoungAssessor,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!.Arr("auditIds").Select(a => Guid.Parse(a!.GetValue<string>())).ToList();
    }

    /// <summary>Eight writers grade the round's audits (auditor and young assessor each); the process is killed once a third are answered.</summary>
    private static async Task GradeAndKillAsync(ServiceProcess service, IReadOnlyList<Guid> audits, ConcurrentBag<(Guid, string)> answered)
    {
        using var psw = await service.ClientForAsync(DemoUsers.Psw);
        var template = (await psw.GetFromJsonAsync<JsonArray>("/api/templates"))!.Single(t => t.Str("name").StartsWith("Voice of the child", StringComparison.Ordinal))!;
        var criteria = template.Arr("criteria").Select(c => c.Id()).ToList();
        using var auditor = await service.ClientForAsync(DemoUsers.Auditor);
        using var youngAssessor = await service.ClientForAsync(DemoUsers.YoungAssessor);
        var work = new ConcurrentQueue<(Guid Audit, string Role, HttpClient Client)>(
            audits.SelectMany(a => new[] { (a, "Auditor", auditor), (a, "YoungAssessor", youngAssessor) }));
        var killAfter = work.Count / 3;
        var answeredHere = 0;
        using var killed = new CancellationTokenSource();

        async Task WriterAsync()
        {
            while (!killed.IsCancellationRequested && work.TryDequeue(out var item))
            {
                try
                {
                    var response = await item.Client.PostAsJsonAsync($"/api/audits/{item.Audit}/gradings", Scenario.Grading(criteria, "Good", (2, "RequiresImprovement")), killed.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        answered.Add((item.Audit, item.Role));
                        if (Interlocked.Increment(ref answeredHere) == killAfter)
                        {
                            await service.KillAsync();
                            await killed.CancelAsync();
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    // The process was killed under this request: it was never answered, so nothing is owed.
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(WriterAsync)));
        answeredHere.ShouldBeGreaterThanOrEqualTo(killAfter);
    }

    private static async Task CheckAsync(ServiceProcess service, ConcurrentBag<(Guid Audit, string Role)> answered, IReadOnlyList<Guid> audits)
    {
        using var psw = await service.ClientForAsync(DemoUsers.Psw);
        var missing = new List<string>();
        foreach (var audit in audits)
        {
            var view = (await psw.GetFromJsonAsync<JsonNode>($"/api/audits/{audit}"))!;
            var roles = view.Arr("gradings").Select(g => g.Str("role")).ToHashSet(StringComparer.Ordinal);
            missing.AddRange(answered.Where(a => a.Audit == audit && !roles.Contains(a.Role)).Select(a => $"{a.Role} on {audit}"));
            (await psw.GetFromJsonAsync<JsonNode>($"/api/audits/{audit}/history/verify"))!["holds"]!.GetValue<bool>().ShouldBeTrue($"the history of {audit} holds");
        }

        missing.ShouldBeEmpty("every grading answered 2xx is in the database after the kill");
    }
}
