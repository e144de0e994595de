using Audit.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Audit.Api.Persistence;

/// <summary>
/// Lets `dotnet ef` build the SQLite model without starting the service (`--context AuditDbContext`, the default:
/// migrations in Persistence/Migrations).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AuditDbContext>
{
    public AuditDbContext CreateDbContext(string[] args) =>
        AuditDbContext.Create(new DbContextOptionsBuilder<AuditDbContext>().UseSqlite("Data Source=design-time.db").Options, new DesignTimeUser(), TimeProvider.System, new Tenancy.CurrentCouncil(new DesignTimeUser()));
}

/// <summary>
/// Lets `dotnet ef` build the PostgreSQL model (`--context PostgresAuditDbContext`: migrations in
/// Persistence/Migrations/Postgres). Adding a migration needs no server; commands that touch the database use
/// ConnectionStrings__Audit when it is set.
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresAuditDbContext>
{
    public PostgresAuditDbContext CreateDbContext(string[] args) =>
        new(
            new DbContextOptionsBuilder<PostgresAuditDbContext>()
                .UseNpgsql(Environment.GetEnvironmentVariable("ConnectionStrings__Audit") ?? "Host=localhost;Database=audit;Username=postgres")
                .Options,
            new DesignTimeUser(),
            TimeProvider.System,
            new Tenancy.CurrentCouncil(new DesignTimeUser()));
}

/// <summary>Nobody: the design-time tools act as no one.</summary>
internal sealed class DesignTimeUser : ICurrentUser
{
    public string? UserName => null;
    public IReadOnlySet<string> Roles => new HashSet<string>();
    public Guid? TeamId => null;
    public bool IsIn(string role) => false;
}
