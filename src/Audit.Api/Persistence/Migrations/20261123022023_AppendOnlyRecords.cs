using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Audit.Api.Persistence.Migrations
{
    /// <summary>
    /// The audit history and the change records are the record an inspector asks for: the database itself refuses
    /// to change or delete a line of them, whatever code runs against it.
    /// </summary>
    public partial class AppendOnlyRecords : Migration
    {
        private static readonly string[] Tables = ["AuditHistory", "ChangeRecords"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                foreach (var operation in new[] { "UPDATE", "DELETE" })
                {
                    migrationBuilder.Sql(
                        $"CREATE TRIGGER \"{table}_no_{operation.ToLowerInvariant()}\" BEFORE {operation} ON \"{table}\" " +
                        $"BEGIN SELECT RAISE(ABORT, '{table} is append-only: its rows are never changed or deleted.'); END;");
                }
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                foreach (var operation in new[] { "update", "delete" })
                {
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{table}_no_{operation}\";");
                }
            }
        }
    }
}
