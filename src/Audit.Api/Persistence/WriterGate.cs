using System.Collections.Concurrent;

namespace Audit.Api.Persistence;

/// <summary>
/// One writer at a time per SQLite file inside the process. SQLite takes one writer anyway; without a gate, writers
/// that collide wait in Microsoft.Data.Sqlite's busy handler, which sleeps and retries (150 ms at a time). Queued
/// here instead, each starts the moment the one before commits.
/// </summary>
internal static class WriterGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The gate of the database this connection string names (one service names its file one way).</summary>
    public static SemaphoreSlim For(string? connectionString) => Gates.GetOrAdd(connectionString ?? "", _ => new SemaphoreSlim(1, 1));
}

/// <summary>An explicit write transaction that holds the file's writer gate until it is committed, rolled back or disposed.</summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction _transaction;
    private readonly AuditDbContext _db;
    private SemaphoreSlim? _gate;
    private bool _committed;

    internal WriteTransaction(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, SemaphoreSlim? gate, AuditDbContext db) =>
        (_transaction, _gate, _db) = (transaction, gate, db);

    /// <summary>Commits, then runs what waited for the commit (<see cref="AuditDbContext.AfterCommit"/>).</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await _transaction.CommitAsync(ct);
        _committed = true;
        _db.Committed();
    }

    public async Task RollbackAsync(CancellationToken ct)
    {
        _db.RolledBack();
        await _transaction.RollbackAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_committed)
            {
                _db.RolledBack();
            }

            await _transaction.DisposeAsync();
        }
        finally
        {
            Interlocked.Exchange(ref _gate, null)?.Release();
        }
    }
}
