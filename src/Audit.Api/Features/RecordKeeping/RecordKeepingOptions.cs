using Audit.Api.Persistence;
using Microsoft.Data.Sqlite;

namespace Audit.Api.Features.RecordKeeping;

/// <summary>Bound from the "RecordKeeping" section: where backups and history anchors go, and how often anchors are written.</summary>
public sealed class RecordKeepingOptions
{
    public const string Section = "RecordKeeping";

    /// <summary>Where backups taken through the API go. Default: a "backups" folder beside the SQLite file.</summary>
    public string? BackupFolder { get; set; }

    /// <summary>
    /// Where signed history anchors are written. Default: an "anchors" folder beside the SQLite file. Point it at storage
    /// the database's administrators cannot rewrite (another machine's share, a write-once bucket) and keep copies.
    /// </summary>
    public string? AnchorFolder { get; set; }

    /// <summary>The private key that signs anchors (PEM, made on first use). Default: "anchor-signing-key.pem" beside the SQLite file.</summary>
    public string? AnchorKeyFile { get; set; }

    /// <summary>How often the service writes an anchor on its own; one is written whenever the newest is older than this.</summary>
    public TimeSpan AnchorEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Off only where something else writes the anchors (tests, or a scheduler running the <c>anchor</c> command).</summary>
    public bool AnchorInBackground { get; set; } = true;
}

/// <summary>The folders and files record keeping uses, resolved once against the database's own folder.</summary>
public sealed class RecordKeepingPaths(RecordKeepingOptions options, string dataFolder)
{
    public string BackupFolder => Resolve(options.BackupFolder, "backups");

    public string AnchorFolder => Resolve(options.AnchorFolder, "anchors");

    public string AnchorKeyFile => Resolve(options.AnchorKeyFile, "anchor-signing-key.pem");

    /// <summary>The SQLite file's folder, or the content root's "data" folder for a database server.</summary>
    public static string DataFolder(string? connectionString, string contentRoot)
    {
        if (connectionString is not null && connectionString.Contains("Data Source", StringComparison.OrdinalIgnoreCase)
            && DatabaseSetup.SqliteFilePath(new SqliteConnectionStringBuilder(connectionString), contentRoot) is { } file)
        {
            return Path.GetDirectoryName(file)!;
        }

        return Path.Combine(contentRoot, "data");
    }

    private string Resolve(string? configured, string name) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(dataFolder, name) : Path.Combine(dataFolder, configured));
}
