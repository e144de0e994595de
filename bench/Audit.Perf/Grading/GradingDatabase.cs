using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Audit.Api.Features.Rounds;
using Microsoft.Data.Sqlite;

namespace Audit.Perf.Grading;

/// <summary>
/// A SQLite file of audits awaiting one auditor's grading, made through the product itself: the service started on a
/// fresh file with its demo data, case files imported as CSV (<c>POST /api/case-files/import</c>), and rounds opened
/// over them (<c>POST /api/rounds</c>, at most <see cref="PlanRound.MaxCaseFiles"/> case files each) with the same
/// auditor and young assessor. Every audit is then in Grading, waiting for the auditor's grading, which leaves it in
/// Grading (the young assessor has still to grade). The file is kept, checkpointed, beside the ids it holds, and reused
/// while the product's migrations and the count are the same; each leg of the benchmark writes to its own copy.
/// </summary>
public sealed record GradingDatabase(string File, IReadOnlyList<Guid> Audits, IReadOnlyList<Guid> Criteria)
{
    public const string Auditor = "ivan.quill";
    public const string YoungAssessor = "jay.assessor";
    private const string Psw = "ada.winslow";
    private const string ReferencePrefix = "LOAD-";
    private const int ImportChunk = 20_000;
    private const int ListTake = 200;

    /// <summary>The prepared file for <paramref name="audits"/> audits in <paramref name="folder"/>, made unless one for this build is there.</summary>
    public static async Task<GradingDatabase> PrepareAsync(string folder, int audits, bool fresh, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"grading-{audits}-{ProductBuild()}.db");
        var ids = file + ".json";
        if (!fresh && System.IO.File.Exists(file) && System.IO.File.Exists(ids))
        {
            var saved = JsonSerializer.Deserialize<Saved>(await System.IO.File.ReadAllTextAsync(ids, ct))!;
            Console.WriteLine($"Prepared file reused: {file} ({saved.Audits.Count} audits). --fresh makes it again.");
            return new GradingDatabase(file, saved.Audits, saved.Criteria);
        }

        var clock = Stopwatch.StartNew();
        var making = file + ".making";
        Delete(making);
        Console.WriteLine($"Preparing {audits} audits through the product in {making} ...");
        GradingDatabase prepared;
        await using (var product = await ProductProcess.StartAsync(making, ct: ct))
        {
            using var psw = await product.ClientForAsync(Psw, ct);
            var teams = (await GetJsonAsync(psw, "/api/teams", ct)).AsArray()
                .Select(t => (Name: t!["name"]!.GetValue<string>(), Area: t["serviceArea"]!.GetValue<string>()))
                .ToList();
            for (var from = 0; from < audits; from += ImportChunk)
            {
                await ImportAsync(psw, teams, from, Math.Min(ImportChunk, audits - from), ct);
            }

            Console.WriteLine($"  {audits} case files imported ({clock.Elapsed.TotalSeconds:F1} s)");
            var caseFiles = await LoadCaseFilesAsync(psw, audits, ct);
            var template = (await GetJsonAsync(psw, "/api/templates", ct)).AsArray()
                .First(t => t!["name"]!.GetValue<string>().StartsWith("Voice of the child", StringComparison.Ordinal))!;
            var criteria = template["criteria"]!.AsArray().Select(c => Guid.Parse(c!["id"]!.GetValue<string>())).ToList();
            var needsYoungAssessor = template["graders"]!.AsArray().Any(g => g!.GetValue<string>() == "YoungAssessor");
            if (!needsYoungAssessor)
            {
                throw new InvalidOperationException("The demo template no longer asks for a young assessor: the auditor's grading would move the audit on; revisit this benchmark.");
            }

            var auditIds = new List<Guid>(audits);
            var dueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var chunk in caseFiles.Chunk(PlanRound.MaxCaseFiles))
            {
                var response = await psw.PostAsJsonAsync("/api/rounds", new
                {
                    name = $"Load round {(auditIds.Count / PlanRound.MaxCaseFiles) + 1}",
                    templateId = template["id"]!.GetValue<string>(),
                    dueOn,
                    caseFileIds = chunk,
                    auditor = Auditor,
                    youngAssessor = YoungAssessor,
                }, ct);
                var round = await ExpectAsync(response, HttpStatusCode.Created, ct);
                auditIds.AddRange(round["auditIds"]!.AsArray().Select(a => Guid.Parse(a!.GetValue<string>())));
                Console.Write($"\r  {auditIds.Count} audits opened ({clock.Elapsed.TotalSeconds:F1} s)");
            }

            Console.WriteLine();
            using var auditor = await product.ClientForAsync(Auditor, ct);
            foreach (var id in new[] { auditIds[0], auditIds[^1] })
            {
                var audit = await GetJsonAsync(auditor, $"/api/audits/{id}", ct);
                if (audit["state"]?.GetValue<string>() != "Grading")
                {
                    throw new InvalidOperationException($"Audit {id} is {audit["state"]}, not Grading.");
                }
            }

            prepared = new GradingDatabase(file, auditIds, criteria);
        }

        Checkpoint(making);
        Delete(file);
        System.IO.File.Move(making, file);
        await System.IO.File.WriteAllTextAsync(ids, JsonSerializer.Serialize(new Saved(prepared.Audits, prepared.Criteria)), ct);
        Console.WriteLine($"  prepared in {clock.Elapsed.TotalSeconds:F1} s: {file} ({new FileInfo(file).Length / (1024.0 * 1024):F0} MiB)");
        return prepared;
    }

    /// <summary>A fresh copy of the prepared file for one leg, with no WAL or shared-memory file beside it.</summary>
    public string CopyTo(string file)
    {
        Delete(file);
        System.IO.File.Copy(File, file);
        return file;
    }

    /// <summary>Removes a SQLite file and its WAL and shared-memory files.</summary>
    public static void Delete(string file)
    {
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            System.IO.File.Delete(path);
        }
    }

    /// <summary>The grading body the load posts: every criterion Good with its evidence, overall Good.</summary>
    public byte[] Body() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        grades = Criteria.Select((id, i) => new { criterionId = id, grade = "Good", evidence = $"Evidence for criterion {i + 1} found in the review record." }),
        overall = "Good",
    });

    private static async Task ImportAsync(HttpClient psw, List<(string Name, string Area)> teams, int from, int count, CancellationToken ct)
    {
        var csv = new StringBuilder("reference,team,serviceArea,stage,worker,childAgeBand\n");
        for (var i = from; i < from + count; i++)
        {
            var (name, area) = teams[i % teams.Count];
            csv.Append(CultureInfo.InvariantCulture, $"{ReferencePrefix}{i:D7},\"{name}\",{area},Review,Load Worker {i % 97},10-15\n");
        }

        using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        var result = await ExpectAsync(await psw.PostAsync(new Uri("/api/case-files/import", UriKind.Relative), content, ct), HttpStatusCode.OK, ct);
        if (result["added"]?.GetValue<int>() != count)
        {
            throw new InvalidOperationException($"The import added {result["added"]} case files, not {count}: {result.ToJsonString()}");
        }
    }

    /// <summary>The imported case files' ids, in reference order, listed through the API a page at a time.</summary>
    private static async Task<List<Guid>> LoadCaseFilesAsync(HttpClient psw, int count, CancellationToken ct)
    {
        var ids = new List<Guid>(count);
        while (ids.Count < count)
        {
            var page = (await GetJsonAsync(psw, $"/api/case-files?reference={ReferencePrefix}&skip={ids.Count}&take={ListTake}", ct)).AsArray();
            if (page.Count == 0)
            {
                throw new InvalidOperationException($"The case-file list ended after {ids.Count} of {count}.");
            }

            ids.AddRange(page
                .Where(c => c!["reference"]!.GetValue<string>().StartsWith(ReferencePrefix, StringComparison.Ordinal))
                .Select(c => Guid.Parse(c!["id"]!.GetValue<string>())));
        }

        return ids;
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string path, CancellationToken ct) =>
        await ExpectAsync(await client.GetAsync(new Uri(path, UriKind.Relative), ct), HttpStatusCode.OK, ct);

    private static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken ct)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            return response.StatusCode == expected
                ? JsonNode.Parse(text)!
                : throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}: {text}");
        }
    }

    /// <summary>Folds the WAL into the file, so that one file holds it all and copies of it are whole.</summary>
    private static void Checkpoint(string file)
    {
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        System.IO.File.Delete(file + "-wal");
        System.IO.File.Delete(file + "-shm");
    }

    /// <summary>
    /// Which schema a file has: a hash of the product's migrations, so that a file is made again when they change (a
    /// build of the same schema reuses it; the assembly itself changes with every commit).
    /// </summary>
    private static string ProductBuild()
    {
        var migrations = typeof(PlanRound).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), inherit: false).OfType<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().FirstOrDefault()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', migrations))))[..12];
    }

    private sealed record Saved(IReadOnlyList<Guid> Audits, IReadOnlyList<Guid> Criteria);
}
