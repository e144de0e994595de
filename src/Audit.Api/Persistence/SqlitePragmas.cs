using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Audit.Api.Persistence;

/// <summary>
/// Sets each SQLite connection when it is first opened: <c>synchronous=NORMAL</c>, which under WAL syncs at checkpoints
/// rather than at every commit (see docs/decisions/0006), and a busy timeout for another process's writer. Pooled
/// connections keep their settings, so a connection taken from the pool again is not set twice.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSetting(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Remember(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSetting(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(connection);
        }
    }

    private static bool NeedsSetting(DbConnection connection) =>
        connection is SqliteConnection sqlite && (sqlite.Handle is not { } handle || !Configured.TryGetValue(handle, out _));

    private static void Remember(DbConnection connection)
    {
        if (((SqliteConnection)connection).Handle is { } handle)
        {
            Configured.AddOrUpdate(handle, Configured);
        }
    }
}
