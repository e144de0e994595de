using Audit.Api.Workflows;
using Audit.Workflows.Definitions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Audit.Api.Persistence;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Audit";

    /// <summary>The setting that picks the database: <see cref="DatabaseProvider.Sqlite"/> (the default) or <see cref="DatabaseProvider.Postgres"/>.</summary>
    public const string ProviderSetting = "Database:Provider";

    public static DatabaseProvider Provider(IConfiguration configuration) =>
        configuration[ProviderSetting] is not { Length: > 0 } name ? DatabaseProvider.Sqlite
        : Enum.GetValues<DatabaseProvider>().Where(p => string.Equals(p.ToString(), name, StringComparison.OrdinalIgnoreCase)).ToList() is [var provider] ? provider
        : throw new InvalidOperationException($"{ProviderSetting} is '{name}'; it must be Sqlite or Postgres.");

    public static IServiceCollection AddAuditDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // The council every query of the database is filtered by (Tenancy/).
        services.TryAddScoped<Tenancy.CurrentCouncil>();
        return Provider(configuration) switch
        {
            DatabaseProvider.Postgres => services.AddPostgres(
                configuration.GetConnectionString(ConnectionStringName)
                    ?? throw new InvalidOperationException($"{ProviderSetting} is Postgres, so ConnectionStrings:{ConnectionStringName} must say which server and database (Host=...;Database=...;Username=...).")),
            _ => services.AddSqlite(SqliteConnectionString(configuration.GetConnectionString(ConnectionStringName) ?? "Data Source=data/audit.db", environment.ContentRootPath)),
        };
    }

    private static IServiceCollection AddSqlite(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, SqlitePragmas>();
        // The options are built once: built per request, EF would look its internal services up again every time.
        // The model is the compiled one (Persistence/CompiledModel, made by `dotnet ef dbcontext optimize`): building it
        // from the configuration classes took a second of every start. CompiledModelTests fails when it has drifted.
        services.AddPooledDbContextFactory<AuditDbContext>(
            (provider, options) => options
                .UseSqlite(connectionString)
                .UseModel(CompiledModel.AuditDbContextModel.Instance)
                .ReplaceService<Microsoft.EntityFrameworkCore.Storage.IDatabase, LeanSqliteDatabase>()
                .AddInterceptors(provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));

        // Contexts come from a pool: a new one resolved EF's own services afresh for every request (a twentieth of a
        // grading's processor time; bench/README.md). Each is bound to the borrowing scope's user and council, and
        // unbound when the scope gives it back.
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<AuditDbContext>>().CreateDbContext().Bind(
            provider.GetRequiredService<Infrastructure.ICurrentUser>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<Tenancy.CurrentCouncil>()));
        return services;
    }

    /// <summary>
    /// PostgreSQL: the same model through <see cref="PostgresAuditDbContext"/>, whose migrations are its own. The compiled
    /// model is SQLite's, so this one is built from the configuration classes (once a process); there is no writer gate
    /// (the server takes concurrent writers) and no pragma.
    /// </summary>
    private static IServiceCollection AddPostgres(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<AuditDbContext, PostgresAuditDbContext>(
            (provider, options) => options
                .UseNpgsql(connectionString)
                .AddInterceptors(provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()),
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton);
        return services;
    }

    /// <summary>
    /// Applies migrations, publishes workflow definitions and, when asked, seeds demo data. Runs before the service
    /// listens. Answers what demo seeding found (null when <c>DemoData:Seed</c> is off), for the demo audits.
    /// </summary>
    public static async Task<DemoState?> InitialiseAsync(this WebApplication app, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        Infrastructure.StartupWork.Mark("first scope and context");
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        // Which migrations are pending is read from the history table alone, in one plain query (StartupReads).
        // Migrating also compares the model with the migrations' snapshot, building both (about 2 s of a start on a busy
        // machine; bench/README.md, "Start-up and idle memory"), so it runs only when there is something to apply.
        // Every test database is migrated, and checked so.
        if ((await StartupReads.PendingMigrationsAsync(db, ct)).Count > 0)
        {
            await db.Database.MigrateAsync(ct);
        }

        if (db.Database.IsSqlite())
        {
            // Readers no longer wait for writers, and a committed write survives a process crash (docs/decisions/0006).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);

            // Gives SQLite's query planner statistics for tables that have none or have grown a lot since their last
            // ANALYZE (SQLite's advice for long-lived connections, with its own time limit): without them it starts the
            // dashboard's re-audit count from a template's million grades instead of its few re-audits (bench/README.md).
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
        }

        Infrastructure.StartupWork.Mark("migrations checked, pragmas");
        var options = scope.ServiceProvider.GetRequiredService<IOptions<WorkflowOptions>>().Value;
        var (registry, files) = await WorkflowPublisher.PublishAsync(db, options.ResolvedPath(), clock, ct);
        app.Services.GetRequiredService<WorkflowRegistryHolder>().Replace(registry, files);
        Infrastructure.StartupWork.Mark("workflows published");

        if (!app.Configuration.GetValue("DemoData:Seed", true))
        {
            return null;
        }

        // One query answers both "is the council empty?" (demo data) and "has it a round yet?" (demo audits).
        var council = scope.ServiceProvider.GetRequiredService<Tenancy.CurrentCouncil>().Id;
        var demo = await StartupReads.DemoStateAsync(db, council, DemoData.PrincipalSocialWorker, ct);
        if (demo.AnyStaff)
        {
            return demo;
        }

        await DemoData.SeedEmptyAsync(db, clock, ct);
        return demo with { AnyStaff = true, HasDemoPrincipal = true };
    }

    /// <summary>Makes a relative SQLite file path relative to the content root and creates its folder.</summary>
    private static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (SqliteFilePath(builder, contentRoot) is { } file)
        {
            builder.DataSource = file;
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        }

        return builder.ToString();
    }

    /// <summary>The SQLite file a connection string names, as a full path against the content root; null for memory.</summary>
    public static string? SqliteFilePath(SqliteConnectionStringBuilder builder, string contentRoot) =>
        builder.DataSource is { Length: > 0 } file && file != ":memory:" ? Path.GetFullPath(Path.Combine(contentRoot, file)) : null;
}
