using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Audit.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DashboardByPeriod : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FinalisedAt",
                table: "FinalGrades",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "TeamId",
                table: "FinalGrades",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<long>(
                name: "FinalisedAt",
                table: "Audits",
                type: "INTEGER",
                nullable: true);

            // Audits whose grades are already final: they became final when the audit first entered a state that
            // finalises them (ActionsOpen or Completed in the shipped workflow); failing that, when it was completed;
            // failing that, at its newest history line. Their final grades take that moment and the audit's team.
            migrationBuilder.Sql("""
                UPDATE "Audits" SET "FinalisedAt" = COALESCE(
                    (SELECT MIN(h."At") FROM "AuditHistory" h WHERE h."AuditId" = "Audits"."Id" AND h."ToState" IN ('ActionsOpen', 'Completed')),
                    "CompletedAt",
                    (SELECT MAX(h."At") FROM "AuditHistory" h WHERE h."AuditId" = "Audits"."Id"),
                    "CreatedAt")
                WHERE EXISTS (SELECT 1 FROM "FinalGrades" f WHERE f."AuditId" = "Audits"."Id");
                """);
            migrationBuilder.Sql("""
                UPDATE "FinalGrades" SET
                    "TeamId" = (SELECT a."TeamId" FROM "Audits" a WHERE a."Id" = "FinalGrades"."AuditId"),
                    "FinalisedAt" = (SELECT a."FinalisedAt" FROM "Audits" a WHERE a."Id" = "FinalGrades"."AuditId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_FinalGrades_TeamId_FinalisedAt",
                table: "FinalGrades",
                columns: new[] { "TeamId", "FinalisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FinalGrades_TemplateId_FinalisedAt_ServiceArea_TeamId_CriterionId_Grade",
                table: "FinalGrades",
                columns: new[] { "TemplateId", "FinalisedAt", "ServiceArea", "TeamId", "CriterionId", "Grade" });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_TemplateId_FinalisedAt_ServiceArea_TeamId_FinalOverall",
                table: "Audits",
                columns: new[] { "TemplateId", "FinalisedAt", "ServiceArea", "TeamId", "FinalOverall" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FinalGrades_TeamId_FinalisedAt",
                table: "FinalGrades");

            migrationBuilder.DropIndex(
                name: "IX_FinalGrades_TemplateId_FinalisedAt_ServiceArea_TeamId_CriterionId_Grade",
                table: "FinalGrades");

            migrationBuilder.DropIndex(
                name: "IX_Audits_TemplateId_FinalisedAt_ServiceArea_TeamId_FinalOverall",
                table: "Audits");

            migrationBuilder.DropColumn(
                name: "FinalisedAt",
                table: "FinalGrades");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "FinalGrades");

            migrationBuilder.DropColumn(
                name: "FinalisedAt",
                table: "Audits");
        }
    }
}
