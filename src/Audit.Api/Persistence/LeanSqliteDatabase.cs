using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Update;

namespace Audit.Api.Persistence;

/// <summary>
/// SQLite's save of what the change tracker found, without EF's general update pipeline (its command batch preparer,
/// topological sort and per-save SQL generation were a third of a grading's processor time; bench/README.md, "Grading
/// under load"). It is EF's own save around it: the same interceptors, change detection, cascades, acceptance of the
/// changes afterwards and exceptions (<see cref="DbUpdateConcurrencyException"/> when a row changed since it was read,
/// <see cref="DbUpdateException"/> over the database's own error), in one transaction as EF's. What differs is how the
/// rows are written: each statement's SQL is made once per shape and kept (<see cref="LeanWriteCommands"/>), and a
/// type's new rows go in one multi-row INSERT. A save it cannot write exactly as EF would (<see cref="LeanSavePlan"/>
/// says which) goes through EF's pipeline unchanged, as does a synchronous save (the service saves asynchronously).
/// </summary>
internal sealed class LeanSqliteDatabase(
    DatabaseDependencies dependencies,
    RelationalDatabaseDependencies relationalDependencies,
    IRelationalCommandBuilderFactory commandBuilders,
    ISqlGenerationHelper sqlGeneration,
    ICurrentDbContext currentContext,
    IRelationalCommandDiagnosticsLogger commandLogger)
    : RelationalDatabase(dependencies, relationalDependencies)
{
    private const string SavepointName = "__EFSavePoint";

    private readonly LeanWriteCommands _commands = new(commandBuilders, sqlGeneration);

    public override async Task<int> SaveChangesAsync(IList<IUpdateEntry> entries, CancellationToken cancellationToken = default)
    {
        if (LeanSavePlan.For(entries) is not { } plan)
        {
            return await base.SaveChangesAsync(entries, cancellationToken);
        }

        var connection = RelationalDependencies.Connection;
        var database = currentContext.Context.Database;
        IDbContextTransaction? began = null;
        var savepoint = false;
        if (connection.CurrentTransaction is null)
        {
            if (plan.Steps.Count > 1 && database.AutoTransactionBehavior != AutoTransactionBehavior.Never)
            {
                began = await connection.BeginTransactionAsync(cancellationToken);
            }
        }
        else if (connection.CurrentTransaction.SupportsSavepoints && database.AutoSavepointsEnabled)
        {
            // As EF's save inside a transaction of the caller's: a failed save leaves the transaction as it was before it.
            await connection.CurrentTransaction.CreateSavepointAsync(SavepointName, cancellationToken);
            savepoint = true;
        }

        try
        {
            foreach (var step in plan.Steps)
            {
                await ExecuteAsync(step, connection, cancellationToken);
            }

            if (began is not null)
            {
                await began.CommitAsync(cancellationToken);
            }
            else if (savepoint)
            {
                await connection.CurrentTransaction!.ReleaseSavepointAsync(SavepointName, cancellationToken);
            }
        }
        catch when (savepoint && connection.CurrentTransaction is { } transaction)
        {
            await transaction.RollbackToSavepointAsync(SavepointName, CancellationToken.None);
            throw;
        }
        finally
        {
            if (began is not null)
            {
                await began.DisposeAsync();
            }
        }

        return entries.Count;
    }

    private async Task ExecuteAsync(LeanSavePlan.Step step, IRelationalConnection connection, CancellationToken ct)
    {
        var (statement, command) = _commands.For(step);
        var values = LeanWriteCommands.Values(statement, step.Entries);
        var parameters = new RelationalCommandParameterObject(connection, values, null, currentContext.Context, commandLogger, CommandSource.SaveChanges);
        try
        {
            if (statement.Returned.Count > 0)
            {
                await ReadGeneratedAsync(command, statement.Returned, step.Entries[0], parameters, ct);
                return;
            }

            var affected = await command.ExecuteNonQueryAsync(parameters, ct);
            if (step.Kind != LeanSavePlan.Kind.Insert && affected != 1)
            {
                throw new DbUpdateConcurrencyException(
                    $"The database operation was expected to affect 1 row(s), but actually affected {affected} row(s); the {step.EntityType.ClrType.Name} may have been changed or deleted since it was read.",
                    step.Entries);
            }
        }
        catch (DbException ex)
        {
            throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", ex, step.Entries);
        }
    }

    /// <summary>One new row whose key (or other value) the database makes: the INSERT returns it and the entry takes it.</summary>
    private static async Task ReadGeneratedAsync(IRelationalCommand command, IReadOnlyList<Microsoft.EntityFrameworkCore.Metadata.IProperty> returned, IUpdateEntry entry, RelationalCommandParameterObject parameters, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(parameters, ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new DbUpdateConcurrencyException("The database operation was expected to insert 1 row, but inserted none.", [entry]);
        }

        for (var i = 0; i < returned.Count; i++)
        {
            var property = returned[i];
            var mapping = property.GetRelationalTypeMapping();
            var raw = reader.DbDataReader.IsDBNull(i) ? null : reader.DbDataReader.GetValue(i);
            var providerType = mapping.Converter?.ProviderClrType ?? property.ClrType;
            var provider = raw is null ? null : Convert.ChangeType(raw, Nullable.GetUnderlyingType(providerType) ?? providerType, System.Globalization.CultureInfo.InvariantCulture);
            entry.SetStoreGeneratedValue(property, mapping.Converter is { } converter ? converter.ConvertFromProvider(provider) : provider);
        }
    }
}
