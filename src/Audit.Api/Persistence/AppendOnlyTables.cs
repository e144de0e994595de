using Microsoft.EntityFrameworkCore.Migrations;

namespace Audit.Api.Persistence;

/// <summary>
/// Tables that are a record (history, who changed what, who looked): the database itself refuses to change or
/// delete their rows, whatever code runs against it.
/// </summary>
public static class AppendOnlyTables
{
    public static void MakeAppendOnly(this MigrationBuilder migration, string table)
    {
        foreach (var operation in new[] { "UPDATE", "DELETE" })
        {
            migration.Sql(
                $"CREATE TRIGGER \"{table}_no_{operation.ToLowerInvariant()}\" BEFORE {operation} ON \"{table}\" " +
                $"BEGIN SELECT RAISE(ABORT, '{table} is append-only: its rows are never changed or deleted.'); END;");
        }
    }

    public static void DropAppendOnly(this MigrationBuilder migration, string table)
    {
        foreach (var operation in new[] { "update", "delete" })
        {
            migration.Sql($"DROP TRIGGER IF EXISTS \"{table}_no_{operation}\";");
        }
    }
}
