using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Audit.Api.Tests.Support;

/// <summary>
/// Which database the tests' services use. SQLite by default: a file in each test's folder. With
/// <c>AUDIT_TEST_DATABASE=Postgres</c>, PostgreSQL: each folder gets its own fresh database on the server that
/// <c>AUDIT_TEST_POSTGRES</c> names (a connection string whose user may create databases), made when a service first
/// starts on the folder and dropped when the folder is deleted. No server there fails the test, saying so.
/// </summary>
public static class TestDatabase
{
    public const string ProviderVariable = "AUDIT_TEST_DATABASE";
    public const string ServerVariable = "AUDIT_TEST_POSTGRES";

    /// <summary>The trait of tests about SQLite itself (its file, pragmas, compiled model), left out of the PostgreSQL run.</summary>
    public const string SqliteOnly = "SqliteOnly";

    public static bool IsPostgres { get; } =
        Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } provider
        && (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase)
            ? true
            : string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase)
                ? false
                : throw new InvalidOperationException($"{ProviderVariable} is '{provider}'; it must be Sqlite or Postgres."));

    /// <summary>The settings that put a service's data in this folder's database.</summary>
    public static IReadOnlyDictionary<string, string?> SettingsFor(string folder) => IsPostgres
        ? new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Audit"] = PostgresFor(folder) }
        : new Dictionary<string, string?> { ["ConnectionStrings:Audit"] = $"Data Source={SqlitePath(folder)}" };

    public static string SqlitePath(string folder) => Path.Combine(folder, "audit.db");

    /// <summary>A connection of its own to the folder's database, open, behind the service's back.</summary>
    public static DbConnection OpenConnection(string folder)
    {
        DbConnection connection = IsPostgres
            ? new NpgsqlConnection(PostgresFor(folder) + ";Pooling=false")
            : new SqliteConnection($"Data Source={SqlitePath(folder)};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>Runs SQL on the folder's database behind the service's back, with the table's append-only triggers dropped first.</summary>
    public static void TamperWith(string folder, string table, string sql)
    {
        using var connection = OpenConnection(folder);
        using var command = connection.CreateCommand();
        command.CommandText = IsPostgres
            ? $"DROP TRIGGER \"{table}_no_update\" ON \"{table}\"; DROP TRIGGER \"{table}_no_delete\" ON \"{table}\"; {sql}"
            : $"DROP TRIGGER \"{table}_no_update\"; DROP TRIGGER \"{table}_no_delete\"; {sql}";
        command.ExecuteNonQuery();
    }

    /// <summary>A condition that a Guid column holds this id, as each provider stores Guids (SQLite: upper-case text; PostgreSQL: uuid).</summary>
    public static string IdIs(string column, Guid id) =>
        IsPostgres ? $"\"{column}\" = '{id}'" : $"upper(\"{column}\") = '{id.ToString().ToUpperInvariant()}'";

    /// <summary>The SQL that lists the database's own tables, one name a row.</summary>
    public static string ListTablesSql => IsPostgres
        ? "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";

    /// <summary>Deletes the folder and, on PostgreSQL, drops its database.</summary>
    public static void Delete(string folder)
    {
        SqliteConnection.ClearAllPools();
        if (IsPostgres)
        {
            Drop(folder);
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Gone already, or a file still held open on some platforms: the temp folder is cleaned up by the system later.
        }
    }

    private static string Server() =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ProviderVariable}=Postgres, but {ServerVariable} is not set: set it to a connection string to a PostgreSQL server " +
                "whose user may create databases (Host=127.0.0.1;Port=5432;Username=postgres), or unset " + ProviderVariable + " to test on SQLite.");

    private static string DatabaseName(string folder) =>
        "audit_test_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(folder))))[..24];

    /// <summary>The folder's database's connection string, creating the database when it is not there yet.</summary>
    private static string PostgresFor(string folder)
    {
        var name = DatabaseName(folder);
        var builder = new NpgsqlConnectionStringBuilder(Server()) { Database = name };
        using var admin = Admin();
        using var exists = admin.CreateCommand();
        exists.CommandText = "SELECT 1 FROM pg_database WHERE datname = @name";
        exists.Parameters.AddWithValue("name", name);
        if (exists.ExecuteScalar() is null)
        {
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            try
            {
                create.ExecuteNonQuery();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // A second instance on the same folder made it at the same moment.
            }
        }

        return builder.ToString();
    }

    private static void Drop(string folder)
    {
        var name = DatabaseName(folder);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server()) { Database = name }.ToString()));
        using var admin = Admin();
        using var drop = admin.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        drop.ExecuteNonQuery();
    }

    /// <summary>A connection to the server's maintenance database, where databases are made and dropped.</summary>
    private static NpgsqlConnection Admin()
    {
        var server = new NpgsqlConnectionStringBuilder(Server()) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(server.ToString());
        try
        {
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            connection.Dispose();
            throw new InvalidOperationException(
                $"{ProviderVariable}=Postgres, but no PostgreSQL server answers at {ServerVariable} " +
                $"(host {server.Host}, port {server.Port}): {e.Message}. Start one (README, \"PostgreSQL\") or unset {ProviderVariable} to test on SQLite.",
                e);
        }

        return connection;
    }
}
