using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Data.Sqlite;

namespace Audit.Perf.Import;

/// <summary>
/// The case-file import (<c>POST /api/case-files/import</c>) of generated CSV files, by size: its time and the service's
/// peak memory during it (VmHWM reset before the import, less the resident memory before it), in a fresh service
/// process per size. Against two floors measured in the same run on a copy of the same database: reading the file with
/// the same CSV parser, and the same inserts (case file and change record per row) with Microsoft.Data.Sqlite in one
/// transaction with prepared commands. The same file is then imported again into the same service, every row unchanged.
/// </summary>
public sealed class ImportBenchmark : IPerfCommand
{
    private const string PswUserName = "ada.winslow";

    private static readonly (string Team, ServiceArea Area, Stage[] Stages)[] Teams =
    [
        ("Early Help North", ServiceArea.EarlyHelp, [Stage.Assessment, Stage.Plan, Stage.Review]),
        ("Children in Need East", ServiceArea.ChildrenInNeed, [Stage.Assessment, Stage.Plan, Stage.Review]),
        ("Child Protection Central", ServiceArea.ChildProtection, [Stage.InitialChildProtectionConference, Stage.Plan, Stage.Review]),
        ("Children Looked After", ServiceArea.ChildrenLookedAfter, [Stage.Plan, Stage.Review]),
        ("Pathways Care Leavers", ServiceArea.CareLeavers, [Stage.PathwayPlan, Stage.Review]),
    ];

    private static readonly string[] AgeBands = ["0-4", "5-9", "10-15", "16-17", "18-25"];

    public string Name => "import";

    public string Description => "Case-file CSV import of 100,000 and 500,000 rows (--rows 100000,500000 --repeat 1 --workstation-gc --env KEY=VALUE --keep): time and peak memory against raw SQLite inserts";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var sizes = Option(args, "--rows", "100000,500000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var repeat = int.Parse(Option(args, "--repeat", "1"), CultureInfo.InvariantCulture);
        _workstationGc = args.Contains("--workstation-gc");
        _extraSettings = args.Select((a, i) => (a, i)).Where(x => x.a == "--env" && x.i + 1 < args.Count).Select(x => args[x.i + 1].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "", StringComparer.Ordinal);
        var folder = Directory.CreateTempSubdirectory("audit-import-bench-").FullName;
        try
        {
            var seeded = Path.Combine(folder, "seeded.db");
            Console.WriteLine("Seeding a demo database (no demo audits)...");
            await using (var seeding = await ProductProcess.StartAsync(seeded, Settings(), ct))
            {
            }

            Console.WriteLine();
            Console.WriteLine("| rows | read CSV | raw inserts | import | ratio to raw | rows/s | peak growth | import again (unchanged) | peak growth |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var rows in sizes)
            {
                var csv = Path.Combine(folder, $"case-files-{rows}.csv");
                Generate(csv, rows);
                var (read, raw, import, again) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
                var (peak, peakAgain) = (new List<long>(), new List<long>());
                for (var run = 0; run < repeat; run++)
                {
                    read.Add(ReadCsv(csv));
                    raw.Add(RawInserts(Copy(seeded, Path.Combine(folder, "raw.db")), csv));
                    var product = await ImportThroughServiceAsync(Copy(seeded, Path.Combine(folder, "product.db")), csv, rows, ct);
                    import.Add(product.First);
                    peak.Add(product.FirstPeak);
                    again.Add(product.Again);
                    peakAgain.Add(product.AgainPeak);
                    Console.Error.WriteLine($"  {rows:N0} rows, run {run + 1}: read {read[^1]:F2} s, raw {raw[^1]:F2} s, import {import[^1]:F2} s, again {again[^1]:F2} s");
                }

                Console.WriteLine(
                    $"| {rows:N0} | {Median(read):F2} s | {Median(raw):F2} s | {Median(import):F2} s | {Median(import) / Median(raw):F1}× | {rows / Median(import):N0} "
                    + $"| {Mib(Median(peak))} | {Median(again):F2} s ({Median(again) / Median(raw):F1}× raw) | {Mib(Median(peakAgain))} |");
            }

            Console.WriteLine();
            Console.WriteLine($"Medians of {repeat} run(s) per size, floors and product interleaved. Peak growth: the service's VmHWM during the import less its VmRSS before it.");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (args.Contains("--keep"))
            {
                Console.WriteLine($"Kept {folder}");
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>--workstation-gc runs the service with the workstation garbage collector (DOTNET_gcServer=0) to compare peaks.</summary>
    private static bool _workstationGc;

    /// <summary>--env KEY=VALUE (repeatable) sets a setting or runtime variable for the service, e.g. DOTNET_TieredCompilation=0.</summary>
    private static Dictionary<string, string> _extraSettings = [];

    private static Dictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>
        {
            ["DemoData:Audits"] = "false",
            ["Limits:MaxImportBytes"] = (1024L * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
        };
        if (_workstationGc)
        {
            settings["DOTNET_gcServer"] = "0";
        }

        foreach (var setting in _extraSettings)
        {
            settings[setting.Key] = setting.Value;
        }

        return settings;
    }

    private static string Option(IReadOnlyList<string> args, string name, string fallback)
    {
        var at = args.ToList().IndexOf(name);
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : fallback;
    }

    private static void Generate(string path, int rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write("reference,team,serviceArea,stage,worker,childAgeBand\n");
        for (var i = 0; i < rows; i++)
        {
            var (team, area, stages) = Teams[i % Teams.Length];
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"IMP-{i:D7},{team},{area},{stages[i / Teams.Length % stages.Length]},Worker {i % 997},{AgeBands[i % AgeBands.Length]}\n"));
        }
    }

    private static string Copy(string from, string to)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(to + suffix);
            if (File.Exists(from + suffix))
            {
                File.Copy(from + suffix, to + suffix);
            }
        }

        return to;
    }

    /// <summary>The floor for reading: the file through the same CSV parser, every field touched.</summary>
    private static double ReadCsv(string csvPath)
    {
        var clock = Stopwatch.StartNew();
        using var reader = new StreamReader(csvPath);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        csv.Read();
        csv.ReadHeader();
        long length = 0;
        while (csv.Read())
        {
            for (var i = 0; i < 6; i++)
            {
                length += csv.GetField(i)!.Length;
            }
        }

        GC.KeepAlive(length);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The floor for writing: each line split and its case file and change record inserted with prepared commands,
    /// all in one transaction, with the service's pragmas (WAL, synchronous=NORMAL).
    /// </summary>
    private static double RawInserts(string databasePath, string csvPath)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
            pragmas.ExecuteNonQuery();
        }

        var teams = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT Name, Id FROM Teams";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                teams[reader.GetString(0)] = reader.GetString(1);
            }
        }

        using var transaction = connection.BeginTransaction();
        using var insert = Prepared(connection, transaction, "INSERT INTO CaseFiles (Id, Reference, TeamId, ServiceArea, Stage, AllocatedWorker, ChildAgeBand) VALUES ($id, $reference, $team, $area, $stage, $worker, $age)", "$id", "$reference", "$team", "$area", "$stage", "$worker", "$age");
        using var change = Prepared(connection, transaction, "INSERT INTO ChangeRecords (At, UserName, Entity, EntityKey, Operation) VALUES ($at, $user, 'CaseFile', $key, 'Added')", "$at", "$user", "$key");
        var at = DateTimeOffset.UtcNow.UtcTicks;
        foreach (var line in File.ReadLines(csvPath).Skip(1))
        {
            var fields = line.Split(',');
            var id = Guid.CreateVersion7();
            insert.Parameters[0].Value = id.ToString().ToUpperInvariant();
            insert.Parameters[1].Value = fields[0];
            insert.Parameters[2].Value = teams[fields[1]];
            insert.Parameters[3].Value = (int)Enum.Parse<ServiceArea>(fields[2]);
            insert.Parameters[4].Value = (int)Enum.Parse<Stage>(fields[3]);
            insert.Parameters[5].Value = fields[4];
            insert.Parameters[6].Value = (int)ChildAgeBands.Parse(fields[5])!.Value;
            insert.ExecuteNonQuery();
            change.Parameters[0].Value = at;
            change.Parameters[1].Value = PswUserName;
            change.Parameters[2].Value = id.ToString();
            change.ExecuteNonQuery();
        }

        transaction.Commit();
        return clock.Elapsed.TotalSeconds;
    }

    private static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    /// <summary>A fresh service on the database: a warm-up import (2,000 rows added, then updated), then the file, then the file again.</summary>
    private static async Task<(double First, long FirstPeak, double Again, long AgainPeak)> ImportThroughServiceAsync(string databasePath, string csvPath, int rows, CancellationToken ct)
    {
        await using var service = await ProductProcess.StartAsync(databasePath, Settings(), ct);
        using var client = await service.ClientForAsync(PswUserName, ct);
        for (var stage = 0; stage < 2; stage++)
        {
            // Warm-up: 2,000 rows added, then the same rows updated, so the service's code is compiled before the measurement.
            var warmUp = new StringBuilder("reference,team,serviceArea,stage,worker,childAgeBand\n");
            for (var i = 0; i < 2000; i++)
            {
                warmUp.Append(CultureInfo.InvariantCulture, $"WARM-{i},Early Help North,EarlyHelp,{(stage == 0 ? "Plan" : "Review")},Warm Up,5-9\n");
            }

            using var content = new StringContent(warmUp.ToString(), Encoding.UTF8, "text/csv");
            (await client.PostAsync(new Uri("/api/case-files/import", UriKind.Relative), content, ct)).EnsureSuccessStatusCode();
        }

        var (first, firstPeak, firstResult) = await ImportAsync(service, client, csvPath, ct);
        Expect(firstResult, rows, added: rows, unchanged: 0);
        var (again, againPeak, againResult) = await ImportAsync(service, client, csvPath, ct);
        Expect(againResult, rows, added: 0, unchanged: rows);
        return (first, firstPeak, again, againPeak);
    }

    private static async Task<(double Seconds, long PeakGrowth, JsonNode Result)> ImportAsync(ProductProcess service, HttpClient client, string csvPath, CancellationToken ct)
    {
        ResetPeak(service.ProcessId);
        var before = service.Memory().Resident;
        var clock = Stopwatch.StartNew();
        await using var file = File.OpenRead(csvPath);
        using var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync(new Uri("/api/case-files/import", UriKind.Relative), content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = service.Memory().Peak;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The import answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        }

        return (seconds, peak - before, JsonNode.Parse(body)!);
    }

    private static void Expect(JsonNode result, int rows, int added, int unchanged)
    {
        if (result["rows"]!.GetValue<int>() != rows || result["added"]!.GetValue<int>() != added || result["unchanged"]!.GetValue<int>() != unchanged)
        {
            throw new InvalidOperationException($"Expected {rows} rows, {added} added and {unchanged} unchanged; the import answered {result.ToJsonString()}.");
        }
    }

    /// <summary>Resets the process's VmHWM to its VmRSS now (Linux: 5 to /proc/PID/clear_refs).</summary>
    private static void ResetPeak(int processId) => File.WriteAllText($"/proc/{processId}/clear_refs", "5");

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F0} MiB";
}
