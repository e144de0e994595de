using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Audit.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReauditRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReauditRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseFileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuditId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AfterWeeks = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FulfilledByAuditId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FulfilledInRoundId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FulfilledAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReauditRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReauditRequests_Actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "Actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReauditRequests_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReauditRequests_CaseFiles_CaseFileId",
                        column: x => x.CaseFileId,
                        principalTable: "CaseFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReauditRequests_ActionId",
                table: "ReauditRequests",
                column: "ActionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReauditRequests_AuditId",
                table: "ReauditRequests",
                column: "AuditId");

            migrationBuilder.CreateIndex(
                name: "IX_ReauditRequests_CaseFileId",
                table: "ReauditRequests",
                column: "CaseFileId");

            migrationBuilder.CreateIndex(
                name: "IX_ReauditRequests_FulfilledByAuditId_DueOn",
                table: "ReauditRequests",
                columns: new[] { "FulfilledByAuditId", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReauditRequests");
        }
    }
}
