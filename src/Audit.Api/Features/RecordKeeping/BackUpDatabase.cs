using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.RecordKeeping;

/// <summary>Takes an online backup of the database into <paramref name="File"/>, or a new file in the backup folder.</summary>
public sealed record BackUpDatabase(string? File = null) : IRequest<BackupTaken>;

public sealed record BackupTaken(string File, long Bytes, DateTimeOffset At);

/// <summary>
/// SQLite's online backup API copies a consistent snapshot while the service goes on reading and writing (in WAL mode a
/// backup holds a read snapshot; writers carry on). A backup holds every child's record, so who took it is recorded.
/// </summary>
internal sealed class BackUpDatabaseHandler(AuditDbContext db, RecordKeepingPaths paths, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<BackUpDatabase, BackupTaken>
{
    public async ValueTask<BackupTaken> Handle(BackUpDatabase request, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            throw new DomainRuleException("This database is a server: back it up with its own tools (for PostgreSQL, pg_dump; see the README).");
        }

        var at = clock.GetUtcNow();
        var target = Path.GetFullPath(request.File ?? Path.Combine(
            paths.BackupFolder, $"audit-{AnchoredHead.FileStamp(at)}.db"));
        if (File.Exists(target))
        {
            throw new DomainConflictException($"{Path.GetFileName(target)} already exists; a backup never overwrites a file.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var source = new SqliteConnection(db.Database.GetConnectionString()))
        await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            await source.OpenAsync(cancellationToken);
            await destination.OpenAsync(cancellationToken);
            source.BackupDatabase(destination);
        }

        db.ChangeRecords.Add(new ChangeRecord
        {
            At = at,
            UserName = user.UserName ?? SystemUser,
            Entity = "DatabaseBackup",
            EntityKey = Path.GetFileName(target),
            Operation = "Added",
        });
        await db.SaveChangesAsync(cancellationToken);
        return new BackupTaken(target, new FileInfo(target).Length, at);
    }

    /// <summary>Who did it when no one is signed in: an operator at the command line, or the service itself.</summary>
    public const string SystemUser = "system";
}
