using Audit.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Persistence;

/// <summary>
/// <see cref="AuditDbContext"/> on PostgreSQL: the same model, whose own type keeps its migrations
/// (Persistence/Migrations/Postgres) apart from SQLite's (docs/decisions/0009). Registered as the
/// <see cref="AuditDbContext"/> service, so no other code knows which provider runs.
/// </summary>
public sealed class PostgresAuditDbContext(DbContextOptions<PostgresAuditDbContext> options, ICurrentUser currentUser, TimeProvider clock, Tenancy.CurrentCouncil council)
    : AuditDbContext(options, currentUser, clock, council)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // Text compares and sorts by its bytes, as SQLite's BINARY collation does, whatever the server's locale: a list
        // is in the same order on both databases, and ILIKE folds ASCII case only, as SQLite's LIKE does.
        configurationBuilder.Properties<string>().UseCollation("C");
    }
}
