using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Audit.Api.Persistence;

/// <summary>
/// Whether this instance can serve: the database answers, and holds every migration this build knows (an instance
/// started before another has finished migrating, or a database restored from an older backup, is not ready). What a
/// load balancer reads from <c>/health/ready</c>; the answer says which, never the database's own words.
/// </summary>
internal sealed class DatabaseReadiness(AuditDbContext db) : IHealthCheck
{
    public const string Name = "database";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> pending;
        try
        {
            // Reads the migrations history table alone: one plain query, no model comparison (StartupReads).
            pending = await StartupReads.PendingMigrationsAsync(db, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }

        var count = pending.Count;
        return count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The database lacks {count} migration(s) this instance needs.");
    }
}
