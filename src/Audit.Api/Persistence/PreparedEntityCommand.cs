using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Audit.Api.Persistence;

/// <summary>
/// An INSERT or UPDATE of one entity type, prepared once and run for many entities, on the context's own connection
/// and inside its current transaction: for writes of thousands of rows (an import) without the change tracker. The
/// table, the columns and how each value is stored (Guids, enums, converted dates) come from the EF model, so a row
/// written here reads back through EF as one EF wrote. It writes what the entity holds; the rules stay in the entity.
/// It records no change: the caller writes the <see cref="ChangeRecord"/> rows itself, with another of these.
/// </summary>
public sealed class PreparedEntityCommand<T> : IAsyncDisposable
    where T : class
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, DbParameter Parameter, RelationalTypeMapping Mapping)[] _values;
    private readonly string _council;

    internal PreparedEntityCommand(DbCommand command, (IProperty, DbParameter, RelationalTypeMapping)[] values, string council) =>
        (_command, _values, _council) = (command, values, council);

    /// <summary>
    /// Writes one entity; answers the rows affected. Synchronous: Microsoft.Data.Sqlite runs its async commands
    /// synchronously anyway, and a row at a time the task would cost more than the insert.
    /// </summary>
    public int Execute(T entity)
    {
        foreach (var (property, parameter, mapping) in _values)
        {
            // The council column is no property of the entity's class: every row is the context's current council's.
            var value = property.IsShadowProperty() && property.Name == Tenancy.CouncilModel.Property ? _council : property.GetGetter().GetClrValue(entity);
            parameter.Value = (value is null ? null : mapping.Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;
        }

        return _command.ExecuteNonQuery();
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}

/// <summary>Prepares <see cref="PreparedEntityCommand{T}"/>s on the context's connection and current transaction.</summary>
public static class PreparedWrites
{
    /// <summary>Inserts every column the database does not generate itself.</summary>
    public static Task<PreparedEntityCommand<T>> PrepareInsertAsync<T>(this AuditDbContext db, CancellationToken ct)
        where T : class
    {
        var entity = EntityType<T>(db);
        var properties = entity.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd || !p.IsPrimaryKey()).ToList();
        var table = Table(entity);
        var sql = $"INSERT INTO {Quote(entity.GetTableName()!)} ({string.Join(", ", properties.Select(p => Quote(p.GetColumnName(table)!)))}) "
            + $"VALUES ({string.Join(", ", properties.Select((_, i) => $"@p{i}"))})";
        return CreateAsync<T>(db, sql, properties, ct);
    }

    /// <summary>Updates the named properties of the entity with the entity's key, in the current council only.</summary>
    public static Task<PreparedEntityCommand<T>> PrepareUpdateAsync<T>(this AuditDbContext db, IReadOnlyList<string> propertyNames, CancellationToken ct)
        where T : class
    {
        var entity = EntityType<T>(db);
        var set = propertyNames.Select(n => entity.FindProperty(n) ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {n}.")).ToList();
        var key = entity.FindPrimaryKey()!.Properties.ToList();
        if (entity.FindProperty(Tenancy.CouncilModel.Property) is { } council && !key.Contains(council))
        {
            key.Add(council);
        }

        var table = Table(entity);
        var sql = $"UPDATE {Quote(entity.GetTableName()!)} SET {string.Join(", ", set.Select((p, i) => $"{Quote(p.GetColumnName(table)!)} = @p{i}"))} "
            + $"WHERE {string.Join(" AND ", key.Select((p, i) => $"{Quote(p.GetColumnName(table)!)} = @p{set.Count + i}"))}";
        return CreateAsync<T>(db, sql, [.. set, .. key], ct);
    }

    private static IEntityType EntityType<T>(AuditDbContext db) =>
        db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");

    private static StoreObjectIdentifier Table(IEntityType entity) => StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static async Task<PreparedEntityCommand<T>> CreateAsync<T>(AuditDbContext db, string sql, List<IProperty> properties, CancellationToken ct)
        where T : class
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Prepared writes run inside the request's write transaction.");
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var values = new (IProperty, DbParameter, RelationalTypeMapping)[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var mapping = properties[i].GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, $"@p{i}", null, properties[i].IsNullable);
            command.Parameters.Add(parameter);
            values[i] = (properties[i], parameter, mapping);
        }

        await command.PrepareAsync(ct);
        return new PreparedEntityCommand<T>(command, values, db.CouncilId);
    }
}
