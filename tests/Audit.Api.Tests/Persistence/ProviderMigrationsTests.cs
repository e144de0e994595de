using Audit.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Audit.Api.Tests.Persistence;

/// <summary>
/// Each provider has its own migrations (docs/decisions/0009). A model change that one of them lacks fails here,
/// without a server: the migrations' snapshot is compared with the model the configuration classes build.
/// </summary>
public sealed class ProviderMigrationsTests
{
    private const string AddThem =
        "Add the migration for both providers: dotnet ef migrations add <Name> --project src/Audit.Api --context AuditDbContext, "
        + "and again with --context PostgresAuditDbContext --output-dir Persistence/Migrations/Postgres.";

    [Fact]
    public void TheSqliteMigrationsHoldEveryModelChange()
    {
        using var db = new DesignTimeDbContextFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().ShouldBeFalse(AddThem);
    }

    [Fact]
    public void ThePostgresMigrationsHoldEveryModelChange()
    {
        using var db = new PostgresDesignTimeDbContextFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().ShouldBeFalse(AddThem);
    }

    [Fact]
    public void EachProviderRunsOnlyItsOwnMigrations()
    {
        using var sqlite = new DesignTimeDbContextFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeDbContextFactory().CreateDbContext([]);

        var sqliteMigrations = sqlite.GetService<IMigrationsAssembly>().Migrations.Values;
        var postgresMigrations = postgres.GetService<IMigrationsAssembly>().Migrations.Values;

        sqliteMigrations.ShouldAllBe(m => m.Namespace == "Audit.Api.Persistence.Migrations");
        postgresMigrations.ShouldAllBe(m => m.Namespace == "Audit.Api.Persistence.Migrations.Postgres");
        postgresMigrations.ShouldNotBeEmpty();
    }

    [Fact]
    public void ThePostgresMigrationsMakeTheRecordsAppendOnly()
    {
        using var postgres = new PostgresDesignTimeDbContextFactory().CreateDbContext([]);

        var script = postgres.GetService<IMigrator>().GenerateScript();

        foreach (var table in new[] { "AuditHistory", "ChangeRecords", "AccessRecords" })
        {
            script.ShouldContain($"CREATE TRIGGER \"{table}_no_update\" BEFORE UPDATE ON \"{table}\"");
            script.ShouldContain($"CREATE TRIGGER \"{table}_no_delete\" BEFORE DELETE ON \"{table}\"");
        }
    }
}
