using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Audit.Perf.Dashboard;
using Npgsql;

namespace Audit.Perf.Instances;

/// <summary>
/// Several instances on one PostgreSQL: 100,000 follow-up actions overdue at once, each audit's <c>escalateOverdue</c>
/// timer due, and two service processes (by default) firing them with their background timer runners. Prints how long
/// until every one has fired, and checks that none fired twice (one history line, one escalation, one notification
/// each) and none was missed.
/// <para>
/// The audits are made through the product first (a round of 20 case files graded by an auditor and a young assessor,
/// so that each has a follow-up action and its escalation timers), then copied in SQL to 100,000: the audit, its
/// assignments, its actions, its timers and its history lines, each copy with new ids. Gradings are not copied (a
/// timer does not read them). Both instances start with the timers far off; once both are ready, one statement makes
/// them all due, and the clock starts.
/// </para>
/// </summary>
internal sealed class EscalationsBenchmark : IPerfCommand
{
    private const string Database = "audit_bench_escalations";
    private const string Timer = "escalateOverdue";

    // 1 January 2999 in UTC ticks, as the product stores moments: not due while the instances start.
    private static readonly long FarOff = new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public string Name => "escalations";

    public string Description => "100,000 escalations due at once, fired by two instances on one PostgreSQL. Options: --postgres CONN (a server whose user may create databases; required), --escalations N, --instances N, --batch N, --warmup N (escalations fired first, not timed; default 5000), --warmup-waves N (how many waves they are fired in; default 60), --gen0 0x2000000|default";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        if (DashboardBenchmark.Option(args, "--postgres") is not { } server)
        {
            Console.Error.WriteLine("--postgres is required: a connection string to a PostgreSQL server whose user may create databases (Host=127.0.0.1;Port=5432;Username=postgres).");
            return 2;
        }

        var wanted = int.Parse(DashboardBenchmark.Option(args, "--escalations") ?? "100000", CultureInfo.InvariantCulture);
        var instances = int.Parse(DashboardBenchmark.Option(args, "--instances") ?? "2", CultureInfo.InvariantCulture);
        var batch = DashboardBenchmark.Option(args, "--batch");
        var warmUp = int.Parse(DashboardBenchmark.Option(args, "--warmup") ?? "5000", CultureInfo.InvariantCulture);
        var warmUpWaves = int.Parse(DashboardBenchmark.Option(args, "--warmup-waves") ?? "60", CultureInfo.InvariantCulture);
        var gen0 = DashboardBenchmark.Option(args, "--gen0") ?? Audit.Perf.Grading.GradingCommand.DeploymentGen0Size;
        var connection = await FreshDatabaseAsync(server, ct);
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Audit"] = connection,
            ["Timers:RunInBackground"] = "true",
            ["Timers:IntervalSeconds"] = "1",
            ["Notifications:DispatchInBackground"] = "false",
        };
        if (batch is not null)
        {
            settings["Timers:BatchSize"] = batch;
        }

        // The garbage collector's gen0 budget as the grading benchmark and the README's "Performance" section have it: on a
        // machine that reports no L3 cache .NET gives gen0 about 2 MiB.
        if (gen0 != "default")
        {
            settings["DOTNET_GCgen0size"] = gen0;
        }

        var folder = Path.Combine(Path.GetTempPath(), "audit-perf", "escalations");
        Directory.CreateDirectory(folder);
        var notUsed = Path.Combine(folder, "not-used.db");

        Console.WriteLine($"Escalations on {instances} instance(s), one PostgreSQL ({new NpgsqlConnectionStringBuilder(connection).Host}:{new NpgsqlConnectionStringBuilder(connection).Port}), {wanted:N0} due at once after {warmUp:N0} to warm up; gen0 budget {gen0}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var setup = Stopwatch.StartNew();
        const int perRound = 20;
        await using (var first = await ProductProcess.StartAsync(notUsed, Without(settings, "Timers:RunInBackground", "false"), ct))
        {
            await GradeRoundAsync(first, perRound, ct);
        }

        var total = wanted + warmUp;
        await CopyAsync(connection, total / perRound, ct);
        Console.WriteLine($"  made {total:N0} audits with an overdue action each ({setup.Elapsed.TotalSeconds:0} s, not counted)");

        var running = new List<ProductProcess>();
        try
        {
            for (var i = 0; i < instances; i++)
            {
                running.Add(await ProductProcess.StartAsync(notUsed, settings, ct));
            }

            // As a service that has been running: the instances' code compiled and tiered up by escalations fired first, in
            // waves, so that what runs once a batch (not only once a firing) has run often enough to be recompiled at the
            // runtime's top tier (30 calls) before the clock starts, as it would have in a service up for a while.
            if (warmUp > 0)
            {
                var warm = Stopwatch.StartNew();
                var waves = Math.Clamp(warmUpWaves, 1, warmUp);
                for (var wave = 0; wave < waves; wave++)
                {
                    var size = (warmUp / waves) + (wave < warmUp % waves ? 1 : 0);
                    if (!await FireAllDueAsync(connection, $"""AND "Id" IN (SELECT "Id" FROM "AuditTimers" WHERE "Name" = '{Timer}' AND "FiredAt" IS NULL AND "CancelledAt" IS NULL LIMIT {size})""", ct))
                    {
                        return 1;
                    }
                }

                Console.WriteLine($"  warmed up: {warmUp:N0} fired in {waves} waves in {warm.Elapsed.TotalSeconds:0.0} s (not counted)");
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }

            var cpuBefore = running.Select(p => ProcessCpu.Of(p.ProcessId)).ToList();
            var databaseCpuBefore = ProcessCpu.OfAll("postgres");
            var clock = Stopwatch.StartNew();
            if (!await FireAllDueAsync(connection, string.Empty, ct))
            {
                return 1;
            }

            var elapsed = clock.Elapsed;
            var cpu = running.Select((p, i) => ProcessCpu.Of(p.ProcessId) - cpuBefore[i]).ToList();
            var databaseCpu = ProcessCpu.OfAll("postgres") - databaseCpuBefore;
            Console.WriteLine($"  all {wanted:N0} fired after {elapsed.TotalSeconds:0.0} s ({wanted / elapsed.TotalSeconds:N0} a second); goal: 20 s or less");
            Console.WriteLine($"  CPU time of each instance meanwhile: {string.Join(", ", cpu.Select(c => $"{c.TotalSeconds:0.0} s"))}");

            // Steadier than the wall time on a shared machine: what the firing costs, whatever else runs beside it.
            var instancesPerFiring = cpu.Sum(c => c.TotalMilliseconds) / wanted;
            var databasePerFiring = databaseCpu.TotalMilliseconds / wanted;
            Console.WriteLine($"  CPU a firing: instances {instancesPerFiring:0.000} ms, PostgreSQL {databasePerFiring:0.000} ms (its processes on this machine, {databaseCpu.TotalSeconds:0.0} s in all)");
            return await CheckAsync(connection, total, ct) ? 0 : 1;
        }
        finally
        {
            foreach (var process in running)
            {
                await process.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Makes the pending <c>escalateOverdue</c> timers (those <paramref name="which"/> picks, an SQL condition, or all) due
    /// now and waits until none is still due; false if that took more than 10 minutes.
    /// </summary>
    private static async Task<bool> FireAllDueAsync(string connection, string which, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var due = DateTimeOffset.UtcNow.UtcTicks;
        await ExecuteAsync(connection, $"""UPDATE "AuditTimers" SET "DueAt" = {due} WHERE "Name" = '{Timer}' AND "FiredAt" IS NULL AND "CancelledAt" IS NULL {which}""", ct);

        // Polled through the runner's own index (the first still-due timer, if any), not by counting those fired: a count
        // every 100 ms scanned every timer and took about a tenth of the database's time from the instances it measures.
        var pending = $"""
            SELECT count(*) FROM (SELECT 1 FROM "AuditTimers" WHERE "FiredAt" IS NULL AND "CancelledAt" IS NULL AND "DueAt" <= {due} AND "Name" = '{Timer}' LIMIT 1) AS t
            """;
        while (await ScalarAsync(connection, pending, ct) > 0)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                var fired = await ScalarAsync(connection, $"""SELECT count(*) FROM "AuditTimers" WHERE "Name" = '{Timer}' AND "FiredAt" IS NOT NULL""", ct);
                Console.WriteLine($"  gave up after 10 minutes with {fired:N0} fired");
                return false;
            }

            // Four times a second: each poll costs PostgreSQL a few milliseconds once many fired timers' old index entries
            // lie before the first still due, taken from the instances measured.
            await Task.Delay(250, ct);
        }

        return true;
    }

    /// <summary>Nothing doubled, nothing missed: each escalated audit has one firing, one escalation and one notification.</summary>
    private static async Task<bool> CheckAsync(string connection, int wanted, CancellationToken ct)
    {
        var firings = await ScalarAsync(connection, $"""SELECT count(*) FROM "AuditHistory" WHERE "Trigger" = 'timer:{Timer}'""", ct);
        var twice = await ScalarAsync(connection, $"""SELECT count(*) FROM (SELECT "AuditId" FROM "AuditHistory" WHERE "Trigger" = 'timer:{Timer}' GROUP BY "AuditId" HAVING count(*) > 1) AS t""", ct);
        var escalated = await ScalarAsync(connection, """SELECT count(*) FROM "Actions" WHERE "EscalationLevel" = 1""", ct);
        var escalation = (int)Audit.Domain.Notifications.NotificationKind.Escalation;
        var notified = await ScalarAsync(connection, $"""SELECT count(*) FROM "Notifications" WHERE "Kind" = {escalation}""", ct);
        var twiceNotified = await ScalarAsync(connection, $"""SELECT count(*) FROM (SELECT "ActionId" FROM "Notifications" WHERE "Kind" = {escalation} GROUP BY "ActionId" HAVING count(*) > 1) AS t""", ct);
        var ok = firings == wanted && twice == 0 && escalated == wanted && notified == wanted && twiceNotified == 0;
        Console.WriteLine($"  history lines {firings:N0}, audits fired twice {twice}, actions escalated {escalated:N0}, escalation notifications {notified:N0}, actions notified twice {twiceNotified}: {(ok ? "each fired exactly once" : "NOT EXACTLY ONCE")}");
        return ok;
    }

    /// <summary>A round of <paramref name="count"/> audits through the product, each graded by both graders with one principle below target: ActionsOpen, an action each.</summary>
    private static async Task GradeRoundAsync(ProductProcess product, int count, CancellationToken ct)
    {
        using var psw = await product.ClientForAsync("ada.winslow", ct);
        using var auditor = await product.ClientForAsync("ivan.quill", ct);
        using var youngAssessor = await product.ClientForAsync("jay.assessor", ct);
        var template = (await psw.GetFromJsonAsync<JsonArray>("/api/templates", ct))!.Single(t => t!["name"]!.GetValue<string>().StartsWith("Voice of the child", StringComparison.Ordinal))!;
        var criteria = template["criteria"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        var caseFiles = (await psw.GetFromJsonAsync<JsonArray>("/api/case-files", ct))!.Take(count).Select(c => c!["id"]!.GetValue<string>()).ToList();
        var round = await psw.PostAsJsonAsync("/api/rounds", new
        {
            name = "Escalations benchmark",
            templateId = template["id"]!.GetValue<string>(),
            dueOn = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            caseFileIds = caseFiles,
            auditor = "ivan.quill",
            youngAssessor = "jay.assessor",
        }, ct);
        round.EnsureSuccessStatusCode();
        var audits = (await round.Content.ReadFromJsonAsync<JsonNode>(ct))!["auditIds"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        foreach (var audit in audits)
        {
            (await auditor.PostAsJsonAsync($"/api/audits/{audit}/gradings", Grading(criteria, "Good", belowTarget: 2), ct)).EnsureSuccessStatusCode();
            (await youngAssessor.PostAsJsonAsync($"/api/audits/{audit}/gradings", Grading(criteria, "Good", belowTarget: null), ct)).EnsureSuccessStatusCode();
        }
    }

    private static object Grading(List<string> criteria, string grade, int? belowTarget) => new
    {
        grades = criteria.Select((id, i) => new { criterionId = id, grade = i == belowTarget ? "RequiresImprovement" : grade, evidence = $"Evidence for principle {i + 1}." }),
        overall = grade,
    };

    /// <summary>
    /// Copies every audit (with its assignments, actions, timers and history) <paramref name="copies"/> − 1 more times with
    /// new ids, makes every action overdue and puts every pending timer far off.
    /// </summary>
    private static async Task CopyAsync(string connection, int copies, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await RunAsync(db, $"""
            CREATE TEMP TABLE copy AS SELECT a."Id" AS old_id, gen_random_uuid() AS new_id FROM "Audits" AS a CROSS JOIN generate_series(2, {copies});
            """, ct);
        await CopyTableAsync(db, "Audits", new() { ["Id"] = "c.new_id" }, "\"Id\"", ct);
        await CopyTableAsync(db, "AuditAssignments", new() { ["AuditId"] = "c.new_id" }, "\"AuditId\"", ct);
        await CopyTableAsync(db, "Actions", new() { ["Id"] = "gen_random_uuid()", ["AuditId"] = "c.new_id" }, "\"AuditId\"", ct);
        await CopyTableAsync(db, "AuditTimers", new() { ["Id"] = "gen_random_uuid()", ["AuditId"] = "c.new_id" }, "\"AuditId\"", ct);
        await CopyTableAsync(db, "AuditHistory", new() { ["Id"] = null, ["AuditId"] = "c.new_id" }, "\"AuditId\"", ct);
        await RunAsync(db, $"""
            UPDATE "Actions" SET "DueOn" = current_date - 5;
            UPDATE "AuditTimers" SET "DueAt" = {FarOff} WHERE "FiredAt" IS NULL AND "CancelledAt" IS NULL;
            """, ct);

        // As autovacuum would have long since done to rows made before they come due: the copies' hint bits set and the
        // dead row versions of the two updates above cleared, so that the timed part does not do the setup's upkeep.
        await RunAsync(db, "VACUUM ANALYZE", ct);
    }

    /// <summary>INSERT ... SELECT of a table's rows for each copy, the columns named in <paramref name="replace"/> given new values (null: left to the database).</summary>
    private static async Task CopyTableAsync(NpgsqlConnection db, string table, Dictionary<string, string?> replace, string joinColumn, CancellationToken ct)
    {
        var columns = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position", db))
        {
            list.Parameters.AddWithValue("table", table);
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                columns.Add(reader.GetString(0));
            }
        }

        var kept = columns.Where(c => !replace.TryGetValue(c, out var value) || value is not null).ToList();
        var values = kept.Select(c => replace.TryGetValue(c, out var value) ? value! : $"t.\"{c}\"");
        await RunAsync(db, $"""
            INSERT INTO "{table}" ({string.Join(", ", kept.Select(c => $"\"{c}\""))})
            SELECT {string.Join(", ", values)} FROM "{table}" AS t JOIN copy AS c ON c.old_id = t.{joinColumn}
            """, ct);
    }

    private static async Task<string> FreshDatabaseAsync(string server, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString();
        await ExecuteAsync(admin, $"""DROP DATABASE IF EXISTS "{Database}" WITH (FORCE)""", ct);
        await ExecuteAsync(admin, $"""CREATE DATABASE "{Database}" """, ct);
        return new NpgsqlConnectionStringBuilder(server) { Database = Database }.ToString();
    }

    private static async Task ExecuteAsync(string connection, string sql, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await RunAsync(db, sql, ct);
    }

    private static async Task RunAsync(NpgsqlConnection db, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(string connection, string sql, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, string> Without(Dictionary<string, string> settings, string key, string value) =>
        new(settings) { [key] = value };
}
