using System.Linq.Expressions;
using Audit.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Audit.Api.Tenancy;

/// <summary>
/// Every row belongs to one council: each entity type (owned types ride with their owner's row) has a shadow
/// <c>CouncilId</c> column, so the domain's classes know nothing of councils, and a global query filter named
/// <see cref="FilterName"/> that shows a context only its current council's rows. Only Data Protection's key ring is global.
/// </summary>
public static class CouncilModel
{
    public const string Property = "CouncilId";

    public const string FilterName = "Council";

    /// <summary>
    /// Whether rows of this entity type carry a council of their own: every type but owned ones, and Data Protection's key
    /// ring, which is the deployment's (every instance and every council's cookies share it).
    /// </summary>
    public static bool IsCouncilOwned(IReadOnlyEntityType type) =>
        !type.IsOwned() && type.ClrType != typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey);

    /// <summary>Adds the council column and filter to every council-owned entity type; <paramref name="context"/> is the one the filter asks.</summary>
    /// <remarks>
    /// The `dotnet ef` tools build the model without the filters: migrations do not store them, and EF cannot write them
    /// into the compiled model, which adds them when it loads (<see cref="Persistence.CompiledModel.AuditDbContextModel"/>'s Customize).
    /// </remarks>
    public static void Configure(ModelBuilder modelBuilder, AuditDbContext context)
    {
        foreach (var type in modelBuilder.Model.GetEntityTypes().Where(IsCouncilOwned).ToList())
        {
            var column = type.FindProperty(Property) ?? type.AddProperty(Property, typeof(string));
            column.SetMaxLength(CurrentCouncil.MaxLength);
            column.IsNullable = false;

            // Set as the row is first tracked (before the key, which for staff includes it, is needed): the current council.
            column.ValueGenerated = ValueGenerated.OnAdd;
            column.SetValueGeneratorFactory(typeof(CouncilIdGeneratorFactory));
            if (!EF.IsDesignTime)
            {
                type.SetQueryFilter(FilterName, Filter(type.ClrType, context));
            }
        }
    }

    /// <summary>
    /// <c>e => EF.Property&lt;string&gt;(e, "CouncilId") == context.CouncilId</c>, for an entity type. EF puts the context that
    /// runs each query in place of <paramref name="context"/> (the one that built the model), so every query asks its own.
    /// </summary>
    public static LambdaExpression Filter(Type clrType, AuditDbContext context)
    {
        var entity = Expression.Parameter(clrType, "e");
        var column = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(string)], entity, Expression.Constant(Property));
        var current = Expression.Property(Expression.Constant(context), nameof(AuditDbContext.CouncilId));
        return Expression.Lambda(Expression.Equal(column, current), entity);
    }

    /// <summary>
    /// Stamps new rows with the current council and refuses a change to, or removal of, a row of another council
    /// (answered 404, as the row cannot be found from this council). A runner saving several councils' rows at once
    /// (<see cref="CurrentCouncil.Every"/>) may change any, and must name the council of each row it adds.
    /// </summary>
    public static void Check(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker, CurrentCouncil current)
    {
        var (council, every) = (current.Id, current.Every);
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached || entry.Metadata.FindProperty(Property) is null)
            {
                continue;
            }

            var column = entry.Property(Property);
            if (entry.State == EntityState.Added)
            {
                if (column.CurrentValue is not string set || set.Length == 0)
                {
                    column.CurrentValue = every
                        ? throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} added while working across councils must name its council.")
                        : council;
                }
                else if (!every && !string.Equals(set, council, StringComparison.Ordinal))
                {
                    throw new Infrastructure.NotFoundException(entry.Metadata.ClrType.Name, "of another council");
                }

                continue;
            }

            if (!string.Equals(column.OriginalValue as string, column.CurrentValue as string, StringComparison.Ordinal)
                || (!every && !string.Equals(column.OriginalValue as string, council, StringComparison.Ordinal)))
            {
                throw new Infrastructure.NotFoundException(entry.Metadata.ClrType.Name, "of another council");
            }
        }
    }

    /// <summary>The rows of every council: for runners (each item then handled in its own council) and deployment-wide record keeping.</summary>
    public static IQueryable<T> InEveryCouncil<T>(this IQueryable<T> query)
        where T : class => query.IgnoreQueryFilters([FilterName]);

    /// <summary>Names the council of a row about to be added (a runner working across councils).</summary>
    public static void Stamp(EntityEntry entry, string? council) => entry.Property(Property).CurrentValue = council;

    /// <summary>The council of a tracked row as it stands.</summary>
    public static string? CurrentOf(EntityEntry entry) =>
        entry.Metadata.FindProperty(Property) is null ? null : entry.Property(Property).CurrentValue as string;
}

/// <summary>Gives a new row the council of the context that adds it (none while a runner works across councils: it names each row's).</summary>
public sealed class CouncilIdGenerator : Microsoft.EntityFrameworkCore.ValueGeneration.ValueGenerator<string?>
{
    public override bool GeneratesTemporaryValues => false;

    public override string? Next(EntityEntry entry) => entry.Context is AuditDbContext { CouncilEvery: false } db ? db.CouncilId : null;
}

/// <summary>Makes <see cref="CouncilIdGenerator"/>s (a type the compiled model can name).</summary>
public sealed class CouncilIdGeneratorFactory : Microsoft.EntityFrameworkCore.ValueGeneration.ValueGeneratorFactory
{
    public override Microsoft.EntityFrameworkCore.ValueGeneration.ValueGenerator Create(IProperty property, ITypeBase typeBase) => new CouncilIdGenerator();
}
