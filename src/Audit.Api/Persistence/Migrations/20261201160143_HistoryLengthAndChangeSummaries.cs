using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Audit.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HistoryLengthAndChangeSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Changes",
                table: "ChangeRecords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HistoryLength",
                table: "Audits",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Each audit's history so far: its lines are numbered from 1 without gaps.
            migrationBuilder.Sql("UPDATE Audits SET HistoryLength = (SELECT COALESCE(MAX(h.Sequence), 0) FROM AuditHistory h WHERE h.AuditId = Audits.Id)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Changes",
                table: "ChangeRecords");

            migrationBuilder.DropColumn(
                name: "HistoryLength",
                table: "Audits");
        }
    }
}
