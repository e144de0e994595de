using Audit.Api.Persistence;
using Audit.Api.Persistence.CompiledModel;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Audit.Api.Tests.Persistence;

/// <summary>
/// The service runs on the compiled model in Persistence/CompiledModel, made by `dotnet ef dbcontext optimize`. Nothing
/// regenerates it at build time, so these tests fail whenever it no longer matches the model the configuration classes build.
/// </summary>
/// <remarks>About SQLite's compiled model: left out of the PostgreSQL run (README, "Tests").</remarks>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed class CompiledModelTests
{
    private const string Regenerate =
        "The compiled EF model (src/Audit.Api/Persistence/CompiledModel) no longer matches the entity configuration. Regenerate it: "
        + "dotnet ef dbcontext optimize --project src/Audit.Api --output-dir Persistence/CompiledModel --namespace Audit.Api.Persistence.CompiledModel";

    [Fact]
    public void TheCompiledModelHasTheSameEntitiesPropertiesAndConvertersAsTheConfiguration()
    {
        using var compiled = CompiledContext();
        using var configured = new DesignTimeDbContextFactory().CreateDbContext([]);
        var built = BuildFromConfiguration(configured, designTime: false);

        var (fromCompiled, fromConfiguration) = (Describe(compiled.Model), Describe(built));
        var firstDifference = fromCompiled.Zip(fromConfiguration).TakeWhile(pair => pair.First == pair.Second).Count();

        firstDifference.ShouldBe(
            Math.Max(fromCompiled.Count, fromConfiguration.Count),
            $"{Regenerate}{Environment.NewLine}First difference, line {firstDifference + 1}:{Environment.NewLine}"
            + $"compiled:   {fromCompiled.ElementAtOrDefault(firstDifference)}{Environment.NewLine}"
            + $"configured: {fromConfiguration.ElementAtOrDefault(firstDifference)}{Environment.NewLine}"
            + string.Join(Environment.NewLine, fromConfiguration.Take(firstDifference).TakeLast(8)));
    }

    [Fact]
    public void TheCompiledModelStoresMomentsAsUtcTicks()
    {
        using var compiled = CompiledContext();

        var converters = compiled.Model.GetEntityTypes()
            .SelectMany(t => t.GetProperties())
            .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?))
            .Select(p => p.GetValueConverter()?.GetType())
            .ToList();

        converters.ShouldNotBeEmpty();
        converters.ShouldAllBe(c => c == typeof(DateTimeOffsetToUtcTicksConverter), Regenerate);
    }

    // Every entity, property (type, length, nullability, column name), key, foreign key and index, with their annotations
    // (table names among them). A complex type's empty table annotations are dropped: the compiled model writes them and the
    // one built at run time does not, which is no difference in the mapping.
    private static List<string> Describe(IModel model)
    {
        const string ComplexTypeAnnotations = "          Annotations: ";
        const string ComplexTypeAnnotation = "            Relational:";
        var lines = model.ToDebugString(MetadataDebugStringOptions.LongDefault).Split(Environment.NewLine);
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("Ad-hoc entity types:", StringComparison.Ordinal))
            {
                // Added to the running model by raw SQL queries (Database.SqlQuery) elsewhere in this process: skipped,
                // with everything indented under it, and the model's own lines after it still compared.
                var indent = Indent(lines[i]);
                while (i + 1 < lines.Length && (lines[i + 1].Length == 0 || Indent(lines[i + 1]) > indent))
                {
                    i++;
                }

                continue;
            }

            if (lines[i] == ComplexTypeAnnotations)
            {
                while (i + 1 < lines.Length && lines[i + 1].StartsWith(ComplexTypeAnnotation, StringComparison.Ordinal))
                {
                    i++;
                }

                continue;
            }

            kept.Add(lines[i]);
        }

        return kept;
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    private static AuditDbContext CompiledContext() =>
        NoUser.ContextOn(new DbContextOptionsBuilder<AuditDbContext>().UseSqlite("Data Source=:memory:").UseModel(AuditDbContextModel.Instance).Options);

    // Always from OnModelCreating and the configuration classes, never the compiled model EF would otherwise find on its own.
    private static IModel BuildFromConfiguration(DbContext context, bool designTime) =>
        context.GetService<IModelSource>().GetModel(context, context.GetService<ModelCreationDependencies>(), designTime);
}
