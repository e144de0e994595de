using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Audit.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AuditTimers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "EscalatedAt",
                table: "Actions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EscalationLevel",
                table: "Actions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AuditTimers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuditId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditTimers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuditTimers_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTimers_AuditId",
                table: "AuditTimers",
                column: "AuditId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditTimers_FiredAt_CancelledAt_DueAt",
                table: "AuditTimers",
                columns: new[] { "FiredAt", "CancelledAt", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditTimers");

            migrationBuilder.DropColumn(
                name: "EscalatedAt",
                table: "Actions");

            migrationBuilder.DropColumn(
                name: "EscalationLevel",
                table: "Actions");
        }
    }
}
