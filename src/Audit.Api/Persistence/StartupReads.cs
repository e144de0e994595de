using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Audit.Api.Persistence;

/// <summary>
/// What the start and the readiness check read, each in one plain query on the context's connection (its pragmas
/// applied), without EF's query pipeline: EF's own way builds a model for its history table and compiles a LINQ query
/// per question, which cost most of a second of a start (bench/README.md, "Start-up and idle memory"). The first
/// request that needs EF's queries compiles them, after the service is ready.
/// </summary>
internal static class StartupReads
{
    /// <summary>
    /// The migrations this build knows that the database lacks, read from EF's history table. Throws when the
    /// database does not answer. Where the plain read fails on an open connection (no history table yet: a new
    /// database), EF's own <c>GetPendingMigrationsAsync</c> answers.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(AuditDbContext db, CancellationToken ct)
    {
        var known = db.GetService<IMigrationsAssembly>().Migrations.Keys;
        var applied = await ReadAsync(
            db,
            $"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\"",
            configure: null,
            async reader =>
            {
                var ids = new HashSet<string>(StringComparer.Ordinal);
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetString(0));
                }

                return ids;
            },
            ct);
        return applied is null
            ? [.. await db.Database.GetPendingMigrationsAsync(ct)]
            : [.. known.Where(id => !applied.Contains(id))];
    }

    /// <summary>What demo seeding needs to know of the council's rows, in one query (demo data goes only into an empty council).</summary>
    public static async Task<DemoState> DemoStateAsync(AuditDbContext db, string council, string demoPrincipal, CancellationToken ct) =>
        await ReadAsync(
            db,
            "SELECT EXISTS (SELECT 1 FROM \"Staff\" WHERE \"CouncilId\" = @council), " +
            "EXISTS (SELECT 1 FROM \"Rounds\" WHERE \"CouncilId\" = @council), " +
            "EXISTS (SELECT 1 FROM \"Staff\" WHERE \"CouncilId\" = @council AND \"UserName\" = @principal)",
            command =>
            {
                Parameter(command, "@council", council);
                Parameter(command, "@principal", demoPrincipal);
            },
            async reader =>
            {
                await reader.ReadAsync(ct);
                return new DemoState(
                    Convert.ToBoolean(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToBoolean(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToBoolean(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
            },
            ct)
        ?? throw new InvalidOperationException("The database's staff and rounds could not be read.");

    /// <summary>
    /// The workflow versions published in <paramref name="council"/> (by its PSW, or from the definition files): name,
    /// version and content hash. Null when the table cannot be read.
    /// </summary>
    public static async Task<IReadOnlyList<StoredWorkflow>?> PublishedWorkflowsAsync(AuditDbContext db, string council, CancellationToken ct) =>
        await ReadAsync(
            db,
            "SELECT \"Name\", \"Version\", \"ContentHash\" FROM \"PublishedWorkflows\" WHERE \"CouncilId\" = @council",
            command => Parameter(command, "@council", council),
            async reader =>
            {
                var stored = new List<StoredWorkflow>();
                while (await reader.ReadAsync(ct))
                {
                    stored.Add(new StoredWorkflow(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(2)));
                }

                return stored;
            },
            ct);

    private static void Parameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Runs one query; null when it fails on an open connection. A connection that cannot open throws.</summary>
    private static async Task<T?> ReadAsync<T>(AuditDbContext db, string sql, Action<DbCommand>? configure, Func<DbDataReader, Task<T>> read, CancellationToken ct)
        where T : class
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            configure?.Invoke(command);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await read(reader);
        }
        catch (DbException)
        {
            return null;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}

/// <summary>A published workflow version as the start reads it: which, and a hash of its content.</summary>
public sealed record StoredWorkflow(string Name, int Version, string ContentHash);

/// <summary>Whether the council has staff, has rounds, and has the demo's principal social worker.</summary>
public sealed record DemoState(bool AnyStaff, bool AnyRound, bool HasDemoPrincipal);
