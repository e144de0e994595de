using System.Text.Json;
using Audit.Api.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Audit.Api.Persistence;

/// <summary>
/// Turns what a request changed into change records: one per aggregate, the root's changed fields and its added,
/// modified and deleted parts folded into it. A part is an entity its parent owns or holds in a collection that
/// cascades on delete (a grading's grades, an audit's gradings and history), or an audit's timer; anything else is
/// its own aggregate.
/// </summary>
internal static class ChangeRecorder
{
    /// <summary>
    /// Parts held by no collection of their parent: an audit's timers are scheduled, cancelled and fired only with the
    /// audit, so what happens to them belongs in the audit's record (a timer fired beside its history line).
    /// </summary>
    private static readonly HashSet<Type> PartsWithoutCollection = [typeof(Domain.Audits.AuditTimer)];

    /// <summary>The change records, each with its aggregate's root entry (whose council the record belongs to).</summary>
    public static List<(ChangeRecord Record, EntityEntry Root)> Record(ChangeTracker tracker, string user, DateTimeOffset at)
    {
        var changed = tracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not (ChangeRecord or AccessRecord or OutboxMessage or IdempotencyRecord))
            .ToList();

        // Only entries of a type a changed part may belong to, at any depth (a grade's grading, the grading's audit), are
        // looked up by key, not every entry tracked: a timer batch tracks thousands.
        var parentTypes = ParentTypes(changed.Select(e => e.Metadata));
        var byKey = new Dictionary<(IEntityType, string), EntityEntry>();
        if (parentTypes.Count > 0)
        {
            foreach (var entry in tracker.Entries().Where(e => parentTypes.Contains(e.Metadata)))
            {
                byKey.TryAdd((entry.Metadata, KeyOf(entry)), entry);
            }
        }

        var aggregates = new Dictionary<(string Entity, string Key), Aggregate>();
        foreach (var entry in changed)
        {
            var root = RootOf(entry, byKey);
            var rootKey = (root.Metadata.ClrType.Name, KeyOf(root));
            if (!aggregates.TryGetValue(rootKey, out var aggregate))
            {
                aggregate = new Aggregate(root);
                aggregates.Add(rootKey, aggregate);
            }

            aggregate.Add(entry);
        }

        return aggregates.Select(a => (new ChangeRecord
        {
            At = at,
            UserName = user,
            Entity = a.Key.Entity,
            EntityKey = a.Key.Key,
            Operation = a.Value.Operation,
            Changes = a.Value.Describe(),
        }, a.Value.Root)).ToList();
    }

    /// <summary>The types the given ones are parts of, and those types' parents in turn.</summary>
    private static HashSet<IEntityType> ParentTypes(IEnumerable<IEntityType> types)
    {
        var parents = new HashSet<IEntityType>();
        var waiting = new Stack<IEntityType>(types.Distinct());
        while (waiting.TryPop(out var type))
        {
            if (PartForeignKey(type)?.PrincipalEntityType is { } parent && parents.Add(parent))
            {
                waiting.Push(parent);
            }
        }

        return parents;
    }

    private static EntityEntry RootOf(EntityEntry entry, Dictionary<(IEntityType, string), EntityEntry> byKey)
    {
        for (var depth = 0; depth < 8; depth++)
        {
            var parent = PartOf(entry, byKey);
            if (parent is null)
            {
                return entry;
            }

            entry = parent;
        }

        return entry;
    }

    // The tracked parent this entry is a part of, if any. A part whose parent is not tracked (written on its own) is
    // recorded as an aggregate of its own.
    private static EntityEntry? PartOf(EntityEntry entry, Dictionary<(IEntityType, string), EntityEntry> byKey)
    {
        var foreignKey = PartForeignKey(entry.Metadata);
        if (foreignKey is null)
        {
            return null;
        }

        var values = foreignKey.Properties.Select(p => entry.Property(p).CurrentValue);
        return byKey.GetValueOrDefault((foreignKey.PrincipalEntityType, Join(values)));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, IForeignKey?> PartForeignKeys = new();

    /// <summary>The relationship that makes the type a part of its parent (the first, if several would), or null.</summary>
    private static IForeignKey? PartForeignKey(IEntityType type) => PartForeignKeys.GetOrAdd(type, t =>
        t.GetForeignKeys().FirstOrDefault(f => f.IsOwnership
            || (f.DeleteBehavior == DeleteBehavior.Cascade && (f.PrincipalToDependent is { IsCollection: true } || PartsWithoutCollection.Contains(t.ClrType)))));

    private static string KeyOf(EntityEntry entry) =>
        Join(entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p) is { IsTemporary: false } key ? key.CurrentValue : "new"));

    private static string Join(IEnumerable<object?> values) => string.Join(",", values);

    private sealed class Aggregate(EntityEntry root)
    {
        public EntityEntry Root => root;

        private readonly SortedSet<string> _fields = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, SortedDictionary<string, List<string>>> _parts = new(StringComparer.Ordinal);
        private bool _rootChanged;

        public string Operation => _rootChanged ? root.State.ToString() : nameof(EntityState.Modified);

        public void Add(EntityEntry entry)
        {
            if (ReferenceEquals(entry.Entity, root.Entity))
            {
                _rootChanged = true;
                if (entry.State == EntityState.Modified)
                {
                    _fields.UnionWith(ModifiedFields(entry));
                }

                return;
            }

            var operation = entry.State.ToString().ToLowerInvariant();
            if (!_parts.TryGetValue(operation, out var byEntity))
            {
                _parts[operation] = byEntity = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            }

            var name = entry.Metadata.ClrType.Name;
            if (!byEntity.TryGetValue(name, out var keys))
            {
                byEntity[name] = keys = [];
            }

            keys.Add(entry.State == EntityState.Modified ? $"{KeyOf(entry)}: {string.Join(" ", ModifiedFields(entry))}" : KeyOf(entry));
        }

        public string? Describe()
        {
            var description = new Dictionary<string, object>(StringComparer.Ordinal);
            if (_fields.Count > 0)
            {
                description["fields"] = _fields;
            }

            foreach (var (operation, byEntity) in _parts)
            {
                description[operation] = byEntity;
            }

            return description.Count == 0 ? null : JsonSerializer.Serialize(description);
        }

        private static IEnumerable<string> ModifiedFields(EntityEntry entry) =>
            entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name)
                .Concat(entry.ComplexProperties.SelectMany(c => c.Properties.Where(p => p.IsModified).Select(p => $"{c.Metadata.Name}.{p.Metadata.Name}")));
    }
}
