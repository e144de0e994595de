using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Audit.Perf.Dashboard;

/// <summary>
/// Builds a SQLite file in the product's own schema holding about <c>grades</c> final grades: the service creates the
/// file (its migrations and the demo's staff, teams, case files and Dudley template), then teams, case files, monthly
/// rounds, a second version of the template, audits with their six final grades each, and a few re-audits are
/// inserted with Microsoft.Data.Sqlite, one prepared statement per table.
/// </summary>
/// <remarks>
/// Three years of monthly rounds ending on <see cref="End"/>: more audits as the years go by, fewer in August and
/// December; teams differ in quality, the sixth principle is the hardest, and grades improve a little over time. The
/// second version of the template takes over half-way. Guids are written as the product writes them (36-character
/// text), moments as UTC ticks.
/// </remarks>
internal static class DashboardDatabase
{
    public const int Months = 36;

    /// <summary>The end of the generated period (exclusive); fixed, so that runs and ranges can be compared.</summary>
    public static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Start => End.AddMonths(-Months);

    private static readonly double[] CriterionEase = [0.3, 0.1, -0.2, 0.0, 0.2, -0.7];

    private static readonly string[] TeamPrefixes = ["North", "South", "East", "West", "Central", "Riverside", "Hillside", "Harbour"];

    public static async Task CreateAsync(string file, int grades, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        foreach (var stale in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(stale);
        }

        var clock = Stopwatch.StartNew();
        await using (var product = await ProductProcess.StartAsync(file, new Dictionary<string, string> { ["DemoData:Seed"] = "true", ["DemoData:Audits"] = "false" }, ct))
        {
            Console.WriteLine($"  the service made the schema and the demo's staff in {product.TimeToReady.TotalSeconds:0.0} s");
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, ForeignKeys = false, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;", ct);
        var generator = new Generator(connection, grades);
        await generator.RunAsync(ct);
        await Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);", ct);
        Console.WriteLine($"  generated {generator.FinalGrades:N0} final grades of {generator.FinalAudits:N0} audits ({generator.Reaudits:N0} re-audits) in {clock.Elapsed.TotalSeconds:0} s: {new FileInfo(file).Length / 1048576.0:N0} MiB");
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed record TeamRow(string Id, int Area, double Quality, double Weight);

    private sealed record CaseFileRow(string Id, TeamRow Team);

    private sealed record LastAudit(string Id, long At, int Overall, string WorstCriterion, int WorstGrade);

    private sealed class Generator(SqliteConnection connection, int grades)
    {
        private readonly Random _random = new(20261201);
        private bool _upper = true;
        private SqliteTransaction? _transaction;
        private int _pending;

        public int FinalGrades { get; private set; }

        public int FinalAudits { get; private set; }

        public int Reaudits { get; private set; }

        public async Task RunAsync(CancellationToken ct)
        {
            var (templateId, lineageId, criteria) = await ExistingTemplateAsync(ct);
            var teams = await TeamsAsync(ct);
            var caseFiles = await CaseFilesAsync(teams, ct);
            var secondId = Key(Guid.CreateVersion7());
            var secondCriteria = await SecondVersionAsync(templateId, secondId, lineageId, criteria, ct);
            var rounds = await RoundsAsync(templateId, secondId, ct);
            await AuditsAsync(teams, caseFiles, rounds, templateId, secondId, criteria, secondCriteria, ct);
            await CommitAsync(ct);
        }

        private string Key(Guid id) => _upper ? id.ToString().ToUpperInvariant() : id.ToString();

        private async Task<(string Id, string Lineage, string[] Criteria)> ExistingTemplateAsync(CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "Id", "LineageId" FROM "Templates" ORDER BY "CreatedAt" LIMIT 1""";
            string id, lineage;
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                if (!await reader.ReadAsync(ct))
                {
                    throw new InvalidOperationException("The service seeded no template.");
                }

                (id, lineage) = (reader.GetString(0), reader.GetString(1));
            }

            _upper = string.Equals(id, id.ToUpperInvariant(), StringComparison.Ordinal);
            command.CommandText = """SELECT "Id" FROM "Criteria" WHERE "TemplateId" = $t ORDER BY "Position" """;
            command.Parameters.AddWithValue("$t", id);
            var criteria = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    criteria.Add(reader.GetString(0));
                }
            }

            return (id, lineage, criteria.ToArray());
        }

        /// <summary>The demo's seven teams and 23 more: a large council's thirty teams over the six service areas.</summary>
        private async Task<List<TeamRow>> TeamsAsync(CancellationToken ct)
        {
            var teams = new List<TeamRow>();
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = """SELECT "Id", "ServiceArea" FROM "Teams" ORDER BY "Name" """;
                await using var reader = await read.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    teams.Add(new TeamRow(reader.GetString(0), reader.GetInt32(1), Normal(0.5), 0.5 + (_random.NextDouble() * 1.5)));
                }
            }

            await using var insert = Prepare(
                """INSERT INTO "Teams" ("Id", "Name", "ServiceArea", "TeamManager", "ServiceManager") VALUES ($id, $name, $area, $manager, $service)""",
                "$id", "$name", "$area", "$manager", "$service");
            for (var i = 0; i < 23; i++)
            {
                var team = new TeamRow(Key(Guid.CreateVersion7()), (i % 6) + 1, Normal(0.5), 0.5 + (_random.NextDouble() * 1.5));
                await InsertAsync(insert, ct, team.Id, $"{TeamPrefixes[i % TeamPrefixes.Length]} {Area(team.Area)} {(i / TeamPrefixes.Length) + 1}", team.Area, $"manager.{i}", i % 2 == 0 ? "sam.rook" : "lena.marsh");
                teams.Add(team);
            }

            return teams;
        }

        /// <summary>About one case file for every five audits, each in a team in proportion to the team's size.</summary>
        private async Task<Dictionary<TeamRow, List<CaseFileRow>>> CaseFilesAsync(List<TeamRow> teams, CancellationToken ct)
        {
            await using var insert = Prepare(
                """
                INSERT INTO "CaseFiles" ("Id", "Reference", "TeamId", "ServiceArea", "Stage", "AllocatedWorker", "ChildAgeBand")
                VALUES ($id, $reference, $team, $area, $stage, $worker, $age)
                """,
                "$id", "$reference", "$team", "$area", "$stage", "$worker", "$age");
            var files = teams.ToDictionary(t => t, _ => new List<CaseFileRow>());
            var count = Math.Max(teams.Count, grades / 6 / 5);
            var totalWeight = teams.Sum(t => t.Weight);
            for (var i = 0; i < count; i++)
            {
                var team = Pick(teams, totalWeight);
                var file = new CaseFileRow(Key(Guid.CreateVersion7()), team);
                await InsertAsync(insert, ct, file.Id, $"CF-G{i + 1:000000}", team.Id, team.Area, (i % 5) + 1, $"Worker {i % 400}", (i % 4) + 1);
                files[team].Add(file);
            }

            return files;
        }

        private async Task<string[]> SecondVersionAsync(string firstId, string secondId, string lineageId, string[] criteria, CancellationToken ct)
        {
            await using (var template = connection.CreateCommand())
            {
                template.Transaction = _transaction;
                template.CommandText = """
                    INSERT INTO "Templates" ("Id", "Name", "Graders", "CreatedBy", "CreatedAt", "TargetAtLeast", "TargetPercent", "LineageId", "RetiredAt", "RetiredBy", "Version")
                    SELECT $second, "Name", "Graders", "CreatedBy", $at, "TargetAtLeast", "TargetPercent", $lineage, NULL, NULL, 2 FROM "Templates" WHERE "Id" = $first
                    """;
                template.Parameters.AddWithValue("$second", secondId);
                template.Parameters.AddWithValue("$first", firstId);
                template.Parameters.AddWithValue("$lineage", lineageId);
                template.Parameters.AddWithValue("$at", Start.AddMonths(Months / 2).AddDays(-7).UtcTicks);
                await template.ExecuteNonQueryAsync(ct);
            }

            var ids = new string[criteria.Length];
            await using var insert = Prepare(
                """
                INSERT INTO "Criteria" ("Id", "TemplateId", "Position", "Title", "Guidance", "PlainWords")
                SELECT $id, $template, "Position", "Title", "Guidance" || ' (revised)', "PlainWords" FROM "Criteria" WHERE "Id" = $first
                """,
                "$id", "$template", "$first");
            for (var i = 0; i < criteria.Length; i++)
            {
                ids[i] = Key(Guid.CreateVersion7());
                await InsertAsync(insert, ct, ids[i], secondId, criteria[i]);
            }

            return ids;
        }

        private async Task<(string Id, string Template)[]> RoundsAsync(string firstId, string secondId, CancellationToken ct)
        {
            await using var insert = Prepare(
                """
                INSERT INTO "Rounds" ("Id", "Name", "TemplateId", "DueOn", "CreatedBy", "CreatedAt", "SecondMarkingPercent")
                VALUES ($id, $name, $template, $due, 'ada.winslow', $at, 10)
                """,
                "$id", "$name", "$template", "$due", "$at");
            var rounds = new (string, string)[Months];
            for (var m = 0; m < Months; m++)
            {
                var start = Start.AddMonths(m);
                var template = m < Months / 2 ? firstId : secondId;
                rounds[m] = (Key(Guid.CreateVersion7()), template);
                await InsertAsync(insert, ct, rounds[m].Item1, $"Audit round {start:MMMM yyyy}", template, start.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start.AddDays(-7).UtcTicks);
            }

            return rounds;
        }

        private async Task AuditsAsync(
            List<TeamRow> teams,
            Dictionary<TeamRow, List<CaseFileRow>> caseFiles,
            (string Id, string Template)[] rounds,
            string firstId,
            string secondId,
            string[] firstCriteria,
            string[] secondCriteria,
            CancellationToken ct)
        {
            await using var audit = Prepare(
                """
                INSERT INTO "Audits" ("Id", "RoundId", "TemplateId", "CaseFileId", "TeamId", "ServiceArea", "State", "CreatedAt", "CompletedAt",
                    "ActionsRaisedAt", "FinalOverall", "Version", "HistoryHead", "WorkflowHash", "WorkflowName", "WorkflowVersion", "FinalisedAt")
                VALUES ($id, $round, $template, $file, $team, $area, $state, $created, $completed, $raised, $overall, 6, $head, $hash, 'case-file-audit', 1, $finalised)
                """,
                "$id", "$round", "$template", "$file", "$team", "$area", "$state", "$created", "$completed", "$raised", "$overall", "$head", "$hash", "$finalised");
            await using var grade = Prepare(
                """
                INSERT INTO "FinalGrades" ("AuditId", "CriterionId", "TemplateId", "ServiceArea", "Grade", "Moderated", "FinalisedAt", "TeamId")
                VALUES ($audit, $criterion, $template, $area, $grade, $moderated, $at, $team)
                """,
                "$audit", "$criterion", "$template", "$area", "$grade", "$moderated", "$at", "$team");
            await using var action = Prepare(
                """
                INSERT INTO "Actions" ("Id", "AuditId", "CriterionId", "FinalGrade", "TeamId", "Assignee", "DueOn", "RaisedAt", "Status", "WhatChanged", "ClosedAt", "ClosedBy", "Version", "EscalationLevel")
                VALUES ($id, $audit, $criterion, $grade, $team, 'manager', $due, $raised, 2, 'Done', $closed, 'manager', 2, 0)
                """,
                "$id", "$audit", "$criterion", "$grade", "$team", "$due", "$raised", "$closed");
            await using var reaudit = Prepare(
                """
                INSERT INTO "ReauditRequests" ("Id", "CaseFileId", "AuditId", "ActionId", "AfterWeeks", "DueOn", "RequestedBy", "RequestedAt", "FulfilledByAuditId", "FulfilledInRoundId", "FulfilledAt")
                VALUES ($id, $file, $asked, $action, 12, $due, 'manager', $requested, $by, $round, $at)
                """,
                "$id", "$file", "$asked", "$action", "$due", "$requested", "$by", "$round", "$at");

            var audits = grades / 6;
            var weights = Enumerable.Range(0, Months).Select(m =>
            {
                var month = Start.AddMonths(m).Month;
                return (1 + (0.4 * m / Months)) * (month is 8 or 12 ? 0.75 : 1.0);
            }).ToArray();
            var totalWeight = teams.Sum(t => t.Weight);
            var last = new Dictionary<string, LastAudit>(StringComparer.Ordinal);
            var done = 0;
            var hash = new string('a', 64);
            for (var m = 0; m < Months; m++)
            {
                var monthStart = Start.AddMonths(m);
                var monthTicks = monthStart.AddMonths(1).UtcTicks - monthStart.UtcTicks;
                var inMonth = m == Months - 1 ? audits - done : (int)Math.Round(audits * weights[m] / weights.Sum());
                var (roundId, template) = rounds[m];
                var criteria = template == firstId ? firstCriteria : secondCriteria;
                var moments = Enumerable.Range(0, inMonth).Select(_ => monthStart.UtcTicks + (long)(_random.NextDouble() * monthTicks)).Order().ToArray();
                foreach (var at in moments)
                {
                    var team = Pick(teams, totalWeight);
                    var files = caseFiles[team];
                    var file = files[_random.Next(files.Count)];
                    var id = Key(Guid.CreateVersion7());
                    var improvement = 0.5 * m / Months;
                    var values = new int[criteria.Length];
                    for (var c = 0; c < criteria.Length; c++)
                    {
                        values[c] = Math.Clamp((int)Math.Round(2.6 + team.Quality + improvement + CriterionEase[c % CriterionEase.Length] + Normal(0.7)), 1, 4);
                    }

                    var overall = Math.Clamp((int)Math.Round(values.Average() - 0.1), 1, 4);
                    var moderated = _random.NextDouble() < 0.05 ? 1 : 0;
                    await InsertAsync(audit, ct, id, roundId, template, file.Id, team.Id, team.Area, "Completed", at - TimeSpan.FromDays(14).Ticks, at, overall < 3 ? at : null, overall, id, hash, at);
                    var worst = 0;
                    for (var c = 0; c < criteria.Length; c++)
                    {
                        await InsertAsync(grade, ct, id, criteria[c], template, team.Area, values[c], moderated, at, team.Id);
                        worst = values[c] < values[worst] ? c : worst;
                    }

                    if (last.TryGetValue(file.Id, out var before) && before.Overall < 3 && at - before.At < TimeSpan.FromDays(240).Ticks && _random.NextDouble() < 0.2)
                    {
                        var actionId = Key(Guid.CreateVersion7());
                        var due = new DateTimeOffset(before.At, TimeSpan.Zero).AddDays(28).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                        await InsertAsync(action, ct, actionId, before.Id, before.WorstCriterion, before.WorstGrade, team.Id, due, before.At, before.At + TimeSpan.FromDays(20).Ticks);
                        await InsertAsync(reaudit, ct, Key(Guid.CreateVersion7()), file.Id, before.Id, actionId, due, before.At, id, roundId, at);
                        Reaudits++;
                    }

                    last[file.Id] = new LastAudit(id, at, overall, criteria[worst], values[worst]);
                    FinalGrades += criteria.Length;
                    FinalAudits++;
                    done++;
                }
            }

            // Audits still being graded in the last month: no final grades, not counted.
            for (var i = 0; i < audits / 60; i++)
            {
                var team = Pick(teams, totalWeight);
                var file = caseFiles[team][_random.Next(caseFiles[team].Count)];
                var id = Key(Guid.CreateVersion7());
                await InsertAsync(audit, ct, id, rounds[^1].Id, rounds[^1].Template, file.Id, team.Id, team.Area, "Grading", End.AddDays(-10).UtcTicks, null, null, null, id, hash, null);
            }
        }

        private SqliteCommand Prepare(string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return command;
        }

        private async Task InsertAsync(SqliteCommand command, CancellationToken ct, params object?[] values)
        {
            if (_transaction is null)
            {
                _transaction = connection.BeginTransaction();
            }

            command.Transaction = _transaction;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(ct);
            if (++_pending >= 100_000)
            {
                await CommitAsync(ct);
            }
        }

        private async Task CommitAsync(CancellationToken ct)
        {
            if (_transaction is not null)
            {
                await _transaction.CommitAsync(ct);
                await _transaction.DisposeAsync();
                _transaction = null;
                _pending = 0;
            }
        }

        private TeamRow Pick(List<TeamRow> teams, double totalWeight)
        {
            var x = _random.NextDouble() * totalWeight;
            foreach (var team in teams)
            {
                x -= team.Weight;
                if (x <= 0)
                {
                    return team;
                }
            }

            return teams[^1];
        }

        private double Normal(double deviation) =>
            deviation * Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

        private static string Area(int area) => area switch
        {
            1 => "Early Help",
            2 => "Children in Need",
            3 => "Child Protection",
            4 => "Looked After",
            5 => "Care Leavers",
            _ => "Disabled Children",
        };
    }
}
