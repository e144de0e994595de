using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Audit.Perf.Dashboard;

/// <summary>
/// The same database in three key layouts, each built afresh from the generated file (same tables, same indexes, same
/// rows): Guids as 36-character text (as the product stores them), as 16-byte blobs, and as integer surrogate keys
/// (an <c>INTEGER PRIMARY KEY</c> is SQLite's rowid, so the primary key needs no index of its own).
/// </summary>
internal static partial class KeyLayouts
{
    public static async Task CompareAsync(string source, CancellationToken ct)
    {
        Console.WriteLine("Key layouts (each a fresh copy of every table and index, then VACUUM):");
        var sizes = new List<(string Layout, long Bytes)>();
        foreach (var layout in new[] { "text", "blob", "integer" })
        {
            var clock = Stopwatch.StartNew();
            var target = Path.ChangeExtension(source, $".{layout}.db");
            var bytes = await BuildAsync(source, target, layout, ct);
            sizes.Add((layout, bytes));
            Console.WriteLine($"  {layout}: built in {clock.Elapsed.TotalSeconds:0} s");
            File.Delete(target);
        }

        Console.WriteLine();
        Console.WriteLine($"| Guids stored as | database file | against text |  (the generated file as it stands: {new FileInfo(source).Length / 1048576.0:N0} MiB)");
        Console.WriteLine("|---|---|---|");
        foreach (var (layout, bytes) in sizes)
        {
            Console.WriteLine($"| {layout} | {bytes / 1048576.0:N0} MiB | {(double)bytes / sizes[0].Bytes:0.00} |");
        }

        Console.WriteLine();
    }

    private static async Task<long> BuildAsync(string source, string target, string layout, CancellationToken ct)
    {
        File.Delete(target);
        await using var connection = new SqliteConnection($"Data Source={target};Pooling=False;Foreign Keys=False");
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, $"PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; ATTACH DATABASE '{source.Replace("'", "''", StringComparison.Ordinal)}' AS src; ATTACH DATABASE ':memory:' AS keys; CREATE TABLE keys.map (n INTEGER PRIMARY KEY, g TEXT NOT NULL UNIQUE);", ct);
        connection.CreateFunction("guid_blob", (string? text) => text is null ? null : Guid.Parse(text).ToByteArray());

        var tables = await QueryAsync(connection, """SELECT name, sql FROM src.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE '__EF%'""", ct);
        var guidColumns = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (table, _) in tables)
        {
            guidColumns[table] = [];
            foreach (var (column, type) in await QueryAsync(connection, $"""SELECT name, type FROM pragma_table_info('{table}', 'src')""", ct))
            {
                if (type == "TEXT" && await HoldsGuidsAsync(connection, table, column, ct))
                {
                    guidColumns[table].Add(column);
                    if (layout == "integer")
                    {
                        await ExecuteAsync(connection, $"""INSERT OR IGNORE INTO keys.map (g) SELECT "{column}" FROM src."{table}" WHERE "{column}" IS NOT NULL""", ct);
                    }
                }
            }
        }

        foreach (var (table, sql) in tables)
        {
            var create = sql;
            foreach (var column in guidColumns[table])
            {
                create = create.Replace($"\"{column}\" TEXT", $"\"{column}\" {(layout == "integer" ? "INTEGER" : layout == "blob" ? "BLOB" : "TEXT")}", StringComparison.Ordinal);
            }

            await ExecuteAsync(connection, DefaultGuid().Replace(create, layout == "text" ? "$0" : "0"), ct);
            var columns = (await QueryAsync(connection, $"""SELECT name, type FROM pragma_table_info('{table}', 'src')""", ct)).Select(c => c.Item1).ToList();
            var select = columns.Select(c => !guidColumns[table].Contains(c) ? $"\"{c}\""
                : layout == "integer" ? $"(SELECT n FROM keys.map WHERE g = \"{c}\")"
                : layout == "blob" ? $"guid_blob(\"{c}\")"
                : $"\"{c}\"");
            await ExecuteAsync(connection, $"""INSERT INTO main."{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) SELECT {string.Join(", ", select)} FROM src."{table}" ORDER BY rowid""", ct);
        }

        foreach (var (_, sql) in await QueryAsync(connection, """SELECT name, sql FROM src.sqlite_master WHERE type = 'index' AND sql IS NOT NULL""", ct))
        {
            await ExecuteAsync(connection, sql, ct);
        }

        await ExecuteAsync(connection, "DETACH DATABASE src; DETACH DATABASE keys;", ct);
        await ExecuteAsync(connection, "VACUUM;", ct);
        await connection.CloseAsync();
        return new FileInfo(target).Length;
    }

    private static async Task<bool> HoldsGuidsAsync(SqliteConnection connection, string table, string column, CancellationToken ct)
    {
        var counts = await QueryAsync(
            connection,
            $"""
            SELECT CAST(COUNT("{column}") AS TEXT),
                   CAST(SUM(length("{column}") <> 36 OR substr("{column}", 9, 1) <> '-' OR substr("{column}", 24, 1) <> '-') AS TEXT)
            FROM src."{table}"
            """,
            ct);
        return counts[0].Item1 != "0" && counts[0].Item2 == "0";
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<(string, string)>> QueryAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.IsDBNull(0) ? "" : reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>A Guid column's text default (<c>DEFAULT '00000000-0000-...'</c>), which an integer column cannot take.</summary>
    [GeneratedRegex("'0{8}-0{4}-0{4}-0{4}-0{12}'")]
    private static partial Regex DefaultGuid();
}
