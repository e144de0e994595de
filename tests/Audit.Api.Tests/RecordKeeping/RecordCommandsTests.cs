using System.Diagnostics;
using Audit.Api.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Audit.Api.Tests.RecordKeeping;

/// <summary>The operator's verbs, run as the README says: <c>Audit.Api backup|restore|anchor|verify</c>, in a process of their own.</summary>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed class RecordCommandsTests : IDisposable
{
    private readonly string _folder = AuditApiFactory.NewFolder();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Database => Path.Combine(_folder, "audit.db");

    [Fact]
    public async Task ABackupRestoresIntoAnotherFileAndVerifiesThenATamperedLineFailsVerification()
    {
        var auditId = await MakeAuditAsync();
        var backup = Path.Combine(_folder, "copy", "backup.db");

        var (backedUp, backupOutput) = await RunAsync(Database, "backup", backup);
        backedUp.ShouldBe(0, backupOutput);
        backupOutput.ShouldContain("Backed up");
        File.Exists(backup).ShouldBeTrue();

        var restoredFile = Path.Combine(_folder, "restored", "audit.db");
        var (restored, restoreOutput) = await RunAsync(restoredFile, "restore", backup);
        restored.ShouldBe(0, restoreOutput);
        restoreOutput.ShouldContain("The record holds.");

        (await RunAsync(restoredFile, "anchor")).ExitCode.ShouldBe(0);
        Tamper(restoredFile, auditId);
        var (verified, verifyOutput) = await RunAsync(restoredFile, "verify");
        verified.ShouldBe(1, verifyOutput);
        verifyOutput.ShouldContain($"Audit {auditId}");
        verifyOutput.ShouldContain("The record does NOT hold.");
    }

    [Fact]
    public async Task RestoringAFileThatIsNotThereRestoresNothingAndSaysSo()
    {
        await MakeAuditAsync();
        var before = await File.ReadAllBytesAsync(Database);

        var (exit, output) = await RunAsync(Database, "restore", Path.Combine(_folder, "missing.db"));

        exit.ShouldBe(2);
        output.ShouldContain("There is no backup");
        (await File.ReadAllBytesAsync(Database)).ShouldBe(before);
    }

    private async Task<Guid> MakeAuditAsync()
    {
        using var factory = new AuditApiFactory(folder: _folder, settings: new Dictionary<string, string?> { ["RecordKeeping:AnchorInBackground"] = "false" });
        var scenario = new Scenario(factory);
        var criteria = await scenario.CriterionIdsAsync();
        var auditId = (await scenario.PlanRoundAsync()).Single();
        await scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));
        SqliteConnection.ClearAllPools();
        return auditId;
    }

    private static void Tamper(string file, Guid auditId)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER AuditHistory_no_update; " +
            $"UPDATE AuditHistory SET \"By\" = 'someone.else' WHERE Sequence = 1 AND upper(AuditId) = '{auditId.ToString().ToUpperInvariant()}';";
        command.ExecuteNonQuery();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string database, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Audit.Api.dll"), .. args])
        {
            WorkingDirectory = Path.GetDirectoryName(database)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Directory.CreateDirectory(start.WorkingDirectory);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Audit"] = $"Data Source={database}";
        start.Environment["Auth__SigningKey"] = AuditApiFactory.SigningKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
