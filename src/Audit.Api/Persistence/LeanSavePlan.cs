using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Update;

namespace Audit.Api.Persistence;

/// <summary>
/// The statements of a save that <see cref="LeanSqliteDatabase"/> writes itself, in an order the database's constraints
/// accept: deletions first (dependents before their principals, so that a row deleted and another added with its
/// unique values in one save do not collide), then new rows (principals before their dependents; a type's rows whose
/// values are all their own in one INSERT), then changed rows. Null when the save holds anything it does not write
/// exactly as EF would, which EF's own pipeline then writes: a type sharing its table or mapped to JSON, inheritance,
/// a value the database computes on update, a self-referencing type, a replaced row, a value still temporary that the
/// database does not make, or a changed key, foreign key or uniquely indexed value (whose order against the other
/// statements matters).
/// </summary>
internal sealed class LeanSavePlan
{
    public enum Kind
    {
        Delete,
        Insert,
        Update,
    }

    /// <summary>One statement: its kind, the rows it writes, and the columns it sets (an update's changed ones).</summary>
    public sealed record Step(Kind Kind, IEntityType EntityType, IReadOnlyList<IUpdateEntry> Entries, IReadOnlyList<IProperty> Columns);

    /// <summary>SQLite accepts up to 32,766 parameters a statement; a few hundred keeps each statement's text small.</summary>
    private const int MaxParameters = 500;

    private LeanSavePlan(List<Step> steps) => Steps = steps;

    public IReadOnlyList<Step> Steps { get; }

    public static LeanSavePlan? For(IList<IUpdateEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (!Writable(entry))
            {
                return null;
            }
        }

        var steps = new List<Step>(entries.Count);
        foreach (var rows in ByType(entries, EntityState.Deleted).OrderByDescending(g => LeanTableShape.Of(g.Key).Depth))
        {
            steps.AddRange(rows.Select(e => new Step(Kind.Delete, rows.Key, [e], [])));
        }

        foreach (var rows in ByType(entries, EntityState.Added).OrderBy(g => LeanTableShape.Of(g.Key).Depth))
        {
            AddInserts(steps, rows.Key, rows);
        }

        foreach (var entry in entries.Where(e => e.EntityState == EntityState.Modified))
        {
            steps.Add(new Step(Kind.Update, entry.EntityType, [entry], LeanTableShape.Of(entry.EntityType).Columns.Where(entry.IsModified).ToList()));
        }

        return new LeanSavePlan(steps);
    }

    private static IEnumerable<IGrouping<IEntityType, IUpdateEntry>> ByType(IList<IUpdateEntry> entries, EntityState state) =>
        entries.Where(e => e.EntityState == state).GroupBy(e => e.EntityType);

    /// <summary>A row with a value the database makes (an identity key) alone, returning it; the others together.</summary>
    private static void AddInserts(List<Step> steps, IEntityType type, IEnumerable<IUpdateEntry> added)
    {
        var columns = LeanTableShape.Of(type).Columns;
        var together = new List<IUpdateEntry>();
        foreach (var entry in added)
        {
            if (columns.Any(entry.IsStoreGenerated))
            {
                steps.Add(new Step(Kind.Insert, type, [entry], columns.Where(c => !entry.IsStoreGenerated(c)).ToList()));
            }
            else
            {
                together.Add(entry);
            }
        }

        foreach (var rows in together.Chunk(Math.Max(1, MaxParameters / columns.Count)))
        {
            steps.Add(new Step(Kind.Insert, type, rows, columns));
        }
    }

    private static bool Writable(IUpdateEntry entry)
    {
        var shape = LeanTableShape.Of(entry.EntityType);
        if (!shape.Supported || entry.SharedIdentityEntry is not null)
        {
            return false;
        }

        return entry.EntityState switch
        {
            EntityState.Deleted => true,

            // Every value is the row's own, or one the database makes and the insert returns; at least one is its own.
            EntityState.Added => shape.Columns.All(c => !entry.HasTemporaryValue(c) || entry.IsStoreGenerated(c))
                && shape.Columns.Any(c => !entry.IsStoreGenerated(c)),

            // Changed values only in columns whose order against other statements does not matter.
            EntityState.Modified => shape.Columns.Any(entry.IsModified) && !shape.Ordered.Any(entry.IsModified),
            _ => false,
        };
    }
}

/// <summary>What <see cref="LeanSavePlan"/> needs to know of an entity type's table, worked out once a type.</summary>
internal sealed class LeanTableShape
{
    private static readonly ConcurrentDictionary<IEntityType, LeanTableShape> Shapes = new();

    private LeanTableShape(IEntityType type)
    {
        Table = type.GetTableName() is { } table ? StoreObjectIdentifier.Table(table, type.GetSchema()) : default;
        Columns = [.. type.GetFlattenedProperties()];
        Key = type.FindPrimaryKey()?.Properties ?? [];
        Tokens = [.. Columns.Where(c => c.IsConcurrencyToken)];
        Ordered = [.. Columns.Where(c => c.IsKey() || c.IsForeignKey() || type.GetIndexes().Any(i => i.IsUnique && i.Properties.Contains(c)))];
        Depth = DepthOf(type, []);
        Supported = type.GetTableName() is not null
            && Key.Count > 0
            && Depth >= 0
            && type.BaseType is null && !type.GetDirectlyDerivedTypes().Any()
            && !type.IsMappedToJson()
            && type.GetTableMappings().Count() == 1
            && type.GetTableMappings().Single().Table.EntityTypeMappings.Count() == 1
            && PlainComplexProperties(type)
            && Columns.All(c => c.GetColumnName(Table) is not null && !c.ValueGenerated.HasFlag(ValueGenerated.OnUpdate) && c.GetComputedColumnSql() is null);
    }

    public static LeanTableShape Of(IEntityType type) => Shapes.GetOrAdd(type, t => new LeanTableShape(t));

    public bool Supported { get; }

    public StoreObjectIdentifier Table { get; }

    /// <summary>Every column of the row, a complex property's among them.</summary>
    public IReadOnlyList<IProperty> Columns { get; }

    public IReadOnlyList<IProperty> Key { get; }

    public IReadOnlyList<IProperty> Tokens { get; }

    /// <summary>Columns whose change must be ordered against other rows' statements: keys, foreign keys, unique indexes.</summary>
    public IReadOnlyList<IProperty> Ordered { get; }

    /// <summary>How many types its rows depend on, at most, in a chain: principals have lower depths. -1 for a cycle or a self-reference.</summary>
    public int Depth { get; }

    private static int DepthOf(IEntityType type, HashSet<IEntityType> visiting)
    {
        if (!visiting.Add(type))
        {
            return -1;
        }

        var depth = 0;
        foreach (var foreignKey in type.GetForeignKeys())
        {
            var principal = DepthOf(foreignKey.PrincipalEntityType, visiting);
            if (principal < 0)
            {
                return -1;
            }

            depth = Math.Max(depth, principal + 1);
        }

        visiting.Remove(type);
        return depth;
    }

    private static bool PlainComplexProperties(ITypeBase type) =>
        type.GetComplexProperties().All(c => !c.IsCollection && !c.ComplexType.IsMappedToJson() && PlainComplexProperties(c.ComplexType));
}
