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
    private SemaphoreSlim? _gate;

    internal WriteTransaction(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, SemaphoreSlim? gate) =>
        (_transaction, _gate) = (transaction, gate);

    public Task CommitAsync(CancellationToken ct) => _transaction.CommitAsync(ct);

    public Task RollbackAsync(CancellationToken ct) => _transaction.RollbackAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            Interlocked.Exchange(ref _gate, null)?.Release();
        }
    }
}
