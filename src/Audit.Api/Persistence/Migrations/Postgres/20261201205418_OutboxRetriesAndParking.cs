using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Audit.Api.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxRetriesAndParking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LastErrorKind",
                table: "Outbox",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<long>(
                name: "NextAttemptAt",
                table: "Outbox",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ParkedAt",
                table: "Outbox",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_ParkedAt",
                table: "Outbox",
                column: "ParkedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_ParkedAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "LastErrorKind",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ParkedAt",
                table: "Outbox");
        }
    }
}
