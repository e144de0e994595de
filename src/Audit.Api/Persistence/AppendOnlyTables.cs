using Microsoft.EntityFrameworkCore.Migrations;

namespace Audit.Api.Persistence;

/// <summary>
/// Tables that are a record (history, who changed what, who looked): the database itself refuses to change or
/// delete their rows, whatever code runs against it. SQLite: a trigger per operation that raises ABORT. PostgreSQL:
/// a trigger per operation (and one for TRUNCATE, which SQLite has not) calling one plpgsql function that raises an
/// exception with the same message.
/// </summary>
public static class AppendOnlyTables
{
    private const string PostgresFunction = "refuse_change_to_append_only_table";

    public static void MakeAppendOnly(this MigrationBuilder migration, string table)
    {
        if (IsPostgres(migration))
        {
            migration.Sql(
                $"CREATE OR REPLACE FUNCTION {PostgresFunction}() RETURNS trigger LANGUAGE plpgsql AS $$ " +
                "BEGIN RAISE EXCEPTION '% is append-only: its rows are never changed or deleted.', TG_TABLE_NAME " +
                "USING ERRCODE = 'restrict_violation'; END; $$;");
            foreach (var operation in new[] { "UPDATE", "DELETE" })
            {
                migration.Sql(
                    $"CREATE TRIGGER \"{table}_no_{operation.ToLowerInvariant()}\" BEFORE {operation} ON \"{table}\" " +
                    $"FOR EACH ROW EXECUTE FUNCTION {PostgresFunction}();");
            }

            migration.Sql($"CREATE TRIGGER \"{table}_no_truncate\" BEFORE TRUNCATE ON \"{table}\" FOR EACH STATEMENT EXECUTE FUNCTION {PostgresFunction}();");
            return;
        }

        foreach (var operation in new[] { "UPDATE", "DELETE" })
        {
            migration.Sql(
                $"CREATE TRIGGER \"{table}_no_{operation.ToLowerInvariant()}\" BEFORE {operation} ON \"{table}\" " +
                $"BEGIN SELECT RAISE(ABORT, '{table} is append-only: its rows are never changed or deleted.'); END;");
        }
    }

    public static void DropAppendOnly(this MigrationBuilder migration, string table)
    {
        if (IsPostgres(migration))
        {
            foreach (var operation in new[] { "update", "delete", "truncate" })
            {
                migration.Sql($"DROP TRIGGER IF EXISTS \"{table}_no_{operation}\" ON \"{table}\";");
            }

            return;
        }

        foreach (var operation in new[] { "update", "delete" })
        {
            migration.Sql($"DROP TRIGGER IF EXISTS \"{table}_no_{operation}\";");
        }
    }

    private static bool IsPostgres(MigrationBuilder migration) =>
        string.Equals(migration.ActiveProvider, "Npgsql.EntityFrameworkCore.PostgreSQL", StringComparison.Ordinal);
}
