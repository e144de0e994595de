using System.Net;
using Audit.Api.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Audit.Api.Tests.Instances;

/// <summary>
/// <c>/health/ready</c> tells a load balancer whether to send this instance requests: not while the database does not
/// answer, nor while it lacks a migration this build needs; <c>/health/live</c> still says the process runs.
/// </summary>
public sealed class ReadinessTests : IDisposable
{
    private readonly SharedDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task IsNotReadyWhileTheDatabaseLacksAMigrationThisBuildNeeds()
    {
        using var factory = _data.Instance();
        using var client = factory.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var newest = await factory.WithDbAsync(db => db.Database.SqlQueryRaw<string>("""SELECT MAX("MigrationId") AS "Value" FROM "__EFMigrationsHistory" """).SingleAsync());

        Execute($"""UPDATE "__EFMigrationsHistory" SET "MigrationId" = 'not-{newest}' WHERE "MigrationId" = '{newest}'""");
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Unhealthy");
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);

        Execute($"""UPDATE "__EFMigrationsHistory" SET "MigrationId" = '{newest}' WHERE "MigrationId" = 'not-{newest}'""");
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task IsNotReadyWhileTheDatabaseDoesNotAnswer()
    {
        using var factory = _data.Instance();
        using var client = factory.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var connectionString = await factory.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));

        await using (Unreachable(connectionString))
        {
            (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private void Execute(string sql)
    {
        using var connection = TestDatabase.OpenConnection(_data.Path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery().ShouldBe(1);
    }

    /// <summary>
    /// Takes the database away until disposed: SQLite's folder is moved aside (the service's idle connections closed, so
    /// the next one finds no file); PostgreSQL's database refuses connections, its sessions ended.
    /// </summary>
    private Undo Unreachable(string connectionString)
    {
        if (!TestDatabase.IsPostgres)
        {
            var aside = _data.Path + "-aside";
            Directory.Move(_data.Path, aside);
            SqliteConnection.ClearAllPools();
            return new Undo(() =>
            {
                Directory.Move(aside, _data.Path);
                return Task.CompletedTask;
            });
        }

        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        Admin($"""ALTER DATABASE "{database}" ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid();""");
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        return new Undo(() =>
        {
            Admin($"""ALTER DATABASE "{database}" ALLOW_CONNECTIONS true""");
            return Task.CompletedTask;
        });

        void Admin(string sql)
        {
            var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(TestDatabase.ServerVariable)) { Database = "postgres", Pooling = false };
            using var admin = new NpgsqlConnection(server.ToString());
            admin.Open();
            using var command = admin.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private sealed class Undo(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }
}
