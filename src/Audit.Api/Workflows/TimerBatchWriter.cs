using System.Data.Common;
using System.Text;
using Audit.Api.Persistence;
using Audit.Api.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Audit.Api.Workflows;

/// <summary>
/// The timer runner's lean write on PostgreSQL: what a batch of firings changed, as EF's change tracker found it, written
/// in a few set-based statements rather than one statement per row. The rows are exactly those a save would write:
/// the same change records (made by the same <see cref="ChangeRecorder"/>, after the same council check and stamp), the
/// same values through the same type mappings and converters. Each changed entity type's rows are one
/// <c>UPDATE ... FROM unnest(...)</c> that matches each row by key and concurrency token, so a row changed meanwhile
/// makes the whole batch fail as a save would (a <see cref="DbUpdateConcurrencyException"/>); each added type's rows
/// are one <c>INSERT ... SELECT FROM unnest(...)</c>, principals before dependents. Each column travels as one array
/// parameter, whatever the number of rows. Anything it does not handle (a deletion, an owned or
/// complex part, a key changed) is left to EF's save: the caller is told and saves as before.
/// </summary>
internal static class TimerBatchWriter
{
    /// <summary>Writes the tracked changes in the open transaction and answers true, or answers false (nothing written, nothing added) when a save must do it.</summary>
    public static async Task<bool> TryWriteAsync(AuditDbContext db, CancellationToken ct)
    {
        var tracker = db.ChangeTracker;
        using var detected = db.DetectChangesOnce();

        // Whether it can write everything comes first: a batch it cannot write is left to EF's save with nothing added.
        var changed = tracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (!changed.All(Writable))
        {
            return false;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The batch write belongs in the batch's transaction.");

        // The change records are made as a save makes them (after the same council check), but written from the records
        // themselves rather than tracked first: only inserted, they need nothing the tracker gives.
        var records = db.MakeChangeRecords();
        foreach (var group in changed.Where(e => e.State == EntityState.Modified).GroupBy(e => (e.Metadata, Fields: ModifiedFields(e))))
        {
            await UpdateAsync(transaction, group.Key.Metadata, [.. group], ct);
        }

        foreach (var group in InInsertOrder(changed.Where(e => e.State == EntityState.Added).GroupBy(e => e.Metadata).ToList()))
        {
            await InsertAsync(transaction, group.Key, [.. group], ct);
        }

        if (records.Count > 0)
        {
            await InsertRecordsAsync(transaction, db.Model.FindEntityType(typeof(ChangeRecord))!, records, ct);
        }

        // Written: the tracker forgets them, so that nothing is written twice.
        tracker.Clear();
        return true;
    }

    /// <summary>Whether this writer writes the entry as a save would: a plain row of its own table, added or with plain fields changed.</summary>
    private static bool Writable(EntityEntry entry)
    {
        if (entry.State == EntityState.Deleted || !Plain(entry.Metadata))
        {
            return false;
        }

        var key = entry.Metadata.FindPrimaryKey()!.Properties[0];
        if (entry.State == EntityState.Added)
        {
            // Only the key may be left to the database (an identity column); every other value is the row's own.
            return !entry.Metadata.GetComplexProperties().Any()
                && entry.Properties.All(p => p.Metadata == key || !p.IsTemporary)
                && (!entry.Property(key).IsTemporary || key.ValueGenerated == ValueGenerated.OnAdd);
        }

        return !entry.Property(key).IsModified && !entry.ComplexProperties.Any(c => c.Properties.Any(p => p.IsModified));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, bool> PlainTypes = new();

    /// <summary>A type of its own table, with a single-column key and nothing the database computes on a write.</summary>
    private static bool Plain(IEntityType type) => PlainTypes.GetOrAdd(type, t =>
        !t.IsOwned() && t.GetTableName() is not null && t.FindPrimaryKey() is { Properties: [_] }
        && !t.GetProperties().Any(p => p.ValueGenerated.HasFlag(ValueGenerated.OnUpdate) || p.GetComputedColumnSql() is not null));

    private static string ModifiedFields(EntityEntry entry) =>
        string.Join(",", entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name));

    /// <summary>
    /// One statement for a type's changed rows with the same fields changed: each row matched by its key and, for each
    /// concurrency token, the value it was read with. Fewer rows matched than sent means one changed meanwhile.
    /// </summary>
    private static async Task UpdateAsync(DbTransaction transaction, IEntityType type, List<EntityEntry> rows, CancellationToken ct)
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var key = type.FindPrimaryKey()!.Properties[0];
        var tokens = type.GetProperties().Where(p => p.IsConcurrencyToken).ToList();
        var fields = rows[0].Properties.Where(p => p.IsModified).Select(p => p.Metadata).ToList();
        await using var command = Command(transaction);
        var sql = new StringBuilder();
        sql.Append("UPDATE ").Append(Name(table)).Append(" AS t SET ");
        sql.AppendJoin(", ", fields.Select((f, i) => $"{Quote(f.GetColumnName(table)!)} = v.f{i}"));
        sql.Append(" FROM unnest(").Append(Column(command, key, rows.Select(r => r.Property(key).CurrentValue)));
        foreach (var token in tokens)
        {
            sql.Append(", ").Append(Column(command, token, rows.Select(r => r.Property(token).OriginalValue)));
        }

        foreach (var field in fields)
        {
            sql.Append(", ").Append(Column(command, field, rows.Select(r => r.Property(field).CurrentValue)));
        }

        sql.Append(") AS v(k");
        sql.AppendJoin(string.Empty, tokens.Select((_, i) => $", c{i}"));
        sql.AppendJoin(string.Empty, fields.Select((_, i) => $", f{i}"));
        sql.Append(") WHERE t.").Append(Quote(key.GetColumnName(table)!)).Append(" = v.k");
        sql.AppendJoin(string.Empty, tokens.Select((t, i) => $" AND t.{Quote(t.GetColumnName(table)!)} = v.c{i}"));
        command.CommandText = sql.ToString();
        var matched = await command.ExecuteNonQueryAsync(ct);
        if (matched != rows.Count)
        {
            throw new DbUpdateConcurrencyException(
                $"{rows.Count - matched} of {rows.Count} {type.ClrType.Name} rows changed since they were read; the batch is not written.");
        }
    }

    /// <summary>One insert of a type's new rows, a column an array; a key the database makes (an identity column) is left to it.</summary>
    private static Task InsertAsync(DbTransaction transaction, IEntityType type, List<EntityEntry> rows, CancellationToken ct)
    {
        var key = type.FindPrimaryKey()!.Properties[0];
        var generatedKey = rows[0].Property(key).IsTemporary;
        if (rows.Any(r => r.Property(key).IsTemporary != generatedKey))
        {
            throw new InvalidOperationException($"New {type.ClrType.Name} rows mix keys of their own with keys the database makes.");
        }

        return InsertAsync(transaction, type, generatedKey, c => rows.Select(r => r.Property(c).CurrentValue), ct);
    }

    /// <summary>The change records, untracked: each value read from the record, the council (a shadow property) given beside it; the key is the database's.</summary>
    private static Task InsertRecordsAsync(DbTransaction transaction, IEntityType type, List<(ChangeRecord Record, string CouncilId)> records, CancellationToken ct) =>
        InsertAsync(
            transaction,
            type,
            generatedKey: true,
            c => c.Name == CouncilModel.Property ? records.Select(r => (object?)r.CouncilId) : records.Select(r => c.GetGetter().GetClrValueUsingContainingEntity(r.Record)),
            ct);

    private static async Task InsertAsync(DbTransaction transaction, IEntityType type, bool generatedKey, Func<IProperty, IEnumerable<object?>> valuesOf, CancellationToken ct)
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var key = type.FindPrimaryKey()!.Properties[0];
        var columns = type.GetProperties().Where(p => !(generatedKey && p == key) && p.GetColumnName(table) is not null).ToList();
        await using var command = Command(transaction);
        var sql = new StringBuilder();
        sql.Append("INSERT INTO ").Append(Name(table)).Append(" (");
        sql.AppendJoin(", ", columns.Select(c => Quote(c.GetColumnName(table)!)));
        sql.Append(") SELECT * FROM unnest(");
        sql.AppendJoin(", ", columns.Select(c => Column(command, c, valuesOf(c))));
        sql.Append(')');
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The added types in an order that inserts a row's principal before it (a notification before its outbox row).</summary>
    private static IEnumerable<IGrouping<IEntityType, EntityEntry>> InInsertOrder(List<IGrouping<IEntityType, EntityEntry>> groups)
    {
        var left = groups.ToList();
        while (left.Count > 0)
        {
            var next = left.FirstOrDefault(g => !g.Key.GetForeignKeys().Any(f => f.PrincipalEntityType != g.Key && left.Any(o => o != g && o.Key == f.PrincipalEntityType)))
                ?? left[0];
            left.Remove(next);
            yield return next;
        }
    }

    private static DbCommand Command(DbTransaction transaction)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    /// <summary>
    /// One parameter holding a column's values as an array of the type the property's mapping sends (after its value
    /// converter: a moment as UTC ticks, an enum as its number), which the database unnests into rows.
    /// </summary>
    private static string Column(DbCommand command, IProperty property, IEnumerable<object?> values)
    {
        var mapping = property.GetRelationalTypeMapping();
        var converter = mapping.Converter;
        var type = converter?.ProviderClrType ?? mapping.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            type = Enum.GetUnderlyingType(type);
        }

        var sent = values.Select(v => v is null ? null : converter is null ? v : converter.ConvertToProvider(v))
            .Select(v => v is Enum e ? Convert.ChangeType(e, type, System.Globalization.CultureInfo.InvariantCulture) : v)
            .ToList();
        var element = type.IsValueType && sent.Contains(null) ? typeof(Nullable<>).MakeGenericType(type) : type;
        var array = Array.CreateInstance(element, sent.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            array.SetValue(sent[i], i);
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = $"p{command.Parameters.Count}";
        parameter.Value = array;
        command.Parameters.Add(parameter);
        return $"@{parameter.ParameterName}";
    }

    private static string Name(StoreObjectIdentifier table) =>
        table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
