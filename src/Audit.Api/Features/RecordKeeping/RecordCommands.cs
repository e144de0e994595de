using Audit.Api.Persistence;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.RecordKeeping;

/// <summary>
/// The service's command-line verbs for operators: <c>backup [file]</c>, <c>restore &lt;file&gt;</c>, <c>anchor</c> and
/// <c>verify</c>. They use the service's own settings and database, run the same requests as the PSW's endpoints, and
/// end the process with 0 when all is well, 1 when the record does not hold and 2 when the command cannot run.
/// </summary>
public sealed class RecordCommands
{
    private static readonly string[] Verbs = ["backup", "restore", "anchor", "verify"];

    private RecordCommands(string verb, string? file, string[] hostArgs) => (Verb, File, HostArgs) = (verb, file, hostArgs);

    public string Verb { get; }

    public string? File { get; }

    /// <summary>The arguments left for the host's configuration once the verb and its file are taken off.</summary>
    public string[] HostArgs { get; }

    /// <summary>The command the arguments name, or null when they start the service.</summary>
    public static RecordCommands? Parse(string[] args)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0], StringComparer.Ordinal))
        {
            return null;
        }

        var file = args.Length > 1 && !args[1].StartsWith('-') ? args[1] : null;
        return new RecordCommands(args[0], file, args[(file is null ? 1 : 2)..]);
    }

    public async Task<int> RunAsync(WebApplication app, TextWriter output, CancellationToken ct = default)
    {
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            switch (Verb)
            {
                case "backup":
                    var backup = await sender.Send(new BackUpDatabase(File is null ? null : Path.GetFullPath(File)), ct);
                    await output.WriteLineAsync($"Backed up {backup.Bytes:N0} bytes to {backup.File}");
                    return 0;
                case "anchor":
                    var anchor = await sender.Send(new AnchorHistory(), ct);
                    await output.WriteLineAsync($"Anchored {anchor.Audits} audits' history heads, digest {anchor.Digest}, in {anchor.File}");
                    return 0;
                case "restore":
                    if (File is null)
                    {
                        await output.WriteLineAsync("Say which backup to restore: restore <file>");
                        return 2;
                    }

                    await RestoreAsync(Path.GetFullPath(File), scope.ServiceProvider.GetRequiredService<AuditDbContext>(), output, ct);
                    return await VerifyAsync(sender, output, ct);
                default:
                    return await VerifyAsync(sender, output, ct);
            }
        }
        catch (Exception ex) when (ex is Audit.Domain.DomainRuleException or Audit.Domain.DomainConflictException or IOException or SqliteException)
        {
            await output.WriteLineAsync($"{Verb} could not run: {ex.Message}");
            return 2;
        }
    }

    private static async Task<int> VerifyAsync(ISender sender, TextWriter output, CancellationToken ct)
    {
        var result = await sender.Send(new VerifyRecord(), ct);
        await output.WriteLineAsync(
            $"{result.Audits} audits, {result.HistoryLines} history lines; " +
            (result.AnchoredAt is { } at ? $"anchor of {at:u} checked." : "no anchor to check against."));
        if (result.AnchorProblem is not null)
        {
            await output.WriteLineAsync(result.AnchorProblem);
        }

        foreach (var problem in result.Problems)
        {
            await output.WriteLineAsync($"Audit {problem.AuditId}: {problem.Problem}");
        }

        await output.WriteLineAsync(result.Holds ? "The record holds." : "The record does NOT hold.");
        return result.Holds ? 0 : 1;
    }

    /// <summary>
    /// Copies a backup over the service's database with SQLite's backup API, after checking the backup is whole. Run it
    /// with the service stopped; the service migrates the restored file when it next starts.
    /// </summary>
    private static async Task RestoreAsync(string backup, AuditDbContext db, TextWriter output, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            throw new Audit.Domain.DomainRuleException("This database is a server: restore it with its own tools (for PostgreSQL, pg_restore; see the README).");
        }

        if (!System.IO.File.Exists(backup))
        {
            throw new IOException($"There is no backup at {backup}.");
        }

        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await source.OpenAsync(ct);
        await using (var check = source.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check;";
            if (await check.ExecuteScalarAsync(ct) is not "ok")
            {
                throw new IOException($"{backup} is damaged (integrity_check failed); nothing was restored.");
            }
        }

        await using var target = new SqliteConnection(db.Database.GetConnectionString());
        await target.OpenAsync(ct);
        source.BackupDatabase(target);
        await output.WriteLineAsync($"Restored {backup}.");
    }
}
