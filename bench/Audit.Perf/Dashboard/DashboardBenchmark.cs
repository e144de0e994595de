using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Audit.Domain.Teams;
using Microsoft.Data.Sqlite;

namespace Audit.Perf.Dashboard;

/// <summary>
/// <c>GET /api/dashboard</c> through the running service over a generated database of about a million final grades,
/// with and without a date range, against the same figures counted by hand-written SQL on the same file
/// (<see cref="HandWrittenDashboard"/>). Then the file's size with its Guids as text, as 16-byte blobs and as integers.
/// </summary>
internal sealed class DashboardBenchmark : IPerfCommand
{
    public string Name => "dashboard";

    public string Description => "The dashboard over 1,000,000 final grades against hand-written SQL on the same file. Options: --grades N, --runs N, --file PATH, --fresh, --no-sizes";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var grades = int.Parse(Option(args, "--grades") ?? "1000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "7", CultureInfo.InvariantCulture);
        var file = Path.GetFullPath(Option(args, "--file") ?? Path.Combine(Path.GetTempPath(), "audit-perf", $"dashboard-{grades}.db"));
        var from = DashboardDatabase.End.AddYears(-1);
        var to = DashboardDatabase.End;

        Console.WriteLine($"Dashboard over {grades:N0} final grades, {runs} runs, file {file}");
        if (args.Contains("--fresh") || !File.Exists(file))
        {
            await DashboardDatabase.CreateAsync(file, grades, ct);
        }
        else
        {
            Console.WriteLine("  using the database already generated (--fresh makes a new one)");
        }

        await using (var product = await ProductProcess.StartAsync(file, new Dictionary<string, string> { ["DemoData:Audits"] = "false" }, ct))
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync(ct);
            var (templateId, atLeast) = await NewestVersionAsync(connection, ct);
            using var client = await product.ClientForAsync("ada.winslow", ct);
            var baseline = new HandWrittenDashboard(connection);

            var cases = new (string Name, DateTimeOffset? From, DateTimeOffset? To)[]
            {
                ("all time", null, null),
                ($"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}", from, to),
            };
            foreach (var (name, caseFrom, caseTo) in cases)
            {
                var expected = await baseline.FiguresAsync(templateId, atLeast, caseFrom, caseTo, ct);
                var actual = await ProductFiguresAsync(client, templateId, caseFrom, caseTo, ct);
                var differences = expected.Differences(actual).ToList();
                Console.WriteLine(differences.Count == 0
                    ? $"  {name}: the service's figures match the hand-written SQL ({expected.Overall.Total:N0} audits, {expected.Cells.Values.Sum(c => c.Total):N0} final grades, {expected.Reaudits.Values.Sum(r => r.Files):N0} re-audited criteria)"
                    : $"  {name}: THE FIGURES DIFFER: {string.Join("; ", differences.Take(5))}");
                if (differences.Count > 0)
                {
                    return 1;
                }
            }

            var times = cases.ToDictionary(c => c.Name, _ => (Baseline: new List<double>(), Product: new List<double>()));
            for (var run = -1; run < runs; run++)
            {
                foreach (var (name, caseFrom, caseTo) in cases)
                {
                    // Baseline first on even runs, product first on odd ones, so that neither always finds the cache as the other left it.
                    var baselineFirst = run % 2 == 0;
                    var baselineMs = baselineFirst ? await TimeAsync(() => baseline.FiguresAsync(templateId, atLeast, caseFrom, caseTo, ct)) : 0;
                    var productMs = await TimeAsync(() => GetAsync(client, templateId, caseFrom, caseTo, ct));
                    baselineMs = baselineFirst ? baselineMs : await TimeAsync(() => baseline.FiguresAsync(templateId, atLeast, caseFrom, caseTo, ct));
                    if (run >= 0)
                    {
                        times[name].Baseline.Add(baselineMs);
                        times[name].Product.Add(productMs);
                    }
                }
            }

            Console.WriteLine();
            Console.WriteLine("| range | hand-written SQL (median) | GET /api/dashboard (median) | ratio |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var (name, _, _) in cases)
            {
                var (b, p) = (Median(times[name].Baseline), Median(times[name].Product));
                Console.WriteLine($"| {name} | {b:0.0} ms | {p:0.0} ms | {p / b:0.00} |");
            }

            Console.WriteLine();
        }

        if (!args.Contains("--no-sizes"))
        {
            await KeyLayouts.CompareAsync(file, ct);
        }

        return 0;
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed.TotalMilliseconds;
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string? Option(IReadOnlyList<string> args, string name)
    {
        var at = args.ToList().IndexOf(name);
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : null;
    }

    private static async Task<(string Id, int AtLeast)> NewestVersionAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id", "TargetAtLeast" FROM "Templates" ORDER BY "Version" DESC LIMIT 1""";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetString(0), reader.GetInt32(1));
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string templateId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var query = from is { } f && to is { } t ? $"&from={f:yyyy-MM-dd}&to={t:yyyy-MM-dd}" : "";
        var response = await client.GetAsync(new Uri($"/api/dashboard?templateId={templateId}{query}", UriKind.Relative), ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>(ct))!;
    }

    private static async Task<DashboardFigures> ProductFiguresAsync(HttpClient client, string templateId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var dto = await GetAsync(client, templateId, from, to, ct);
        var criteria = dto["criteria"]!.AsArray();
        var positions = criteria.ToDictionary(c => c!["criterionId"]!.GetValue<string>(), c => c!["position"]!.GetValue<int>(), StringComparer.OrdinalIgnoreCase);
        var cells = dto["cells"]!.AsArray()
            .Where(c => c!["total"]!.GetValue<int>() > 0)
            .ToDictionary(
                c => (positions[c!["criterionId"]!.GetValue<string>()], (int)Enum.Parse<ServiceArea>(c!["serviceArea"]!.GetValue<string>())),
                c => (c!["goodOrBetter"]!.GetValue<int>(), c!["total"]!.GetValue<int>()));
        var overall = dto["overall"]!;
        var reaudits = criteria
            .Where(c => c!["reaudit"]!["files"]!.GetValue<int>() > 0)
            .ToDictionary(c => c!["position"]!.GetValue<int>(), c => (c!["reaudit"]!["files"]!.GetValue<int>(), c!["reaudit"]!["improved"]!.GetValue<int>()));
        return new DashboardFigures(cells, (overall["goodOrBetter"]!.GetValue<int>(), overall["total"]!.GetValue<int>()), reaudits);
    }
}
