using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Audit.Api.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CouncilIndexesAndWorkflowVersionsPerCouncil : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_PublishedWorkflows",
                table: "PublishedWorkflows");

            migrationBuilder.DropIndex(
                name: "IX_FinalGrades_TeamId_FinalisedAt",
                table: "FinalGrades");

            migrationBuilder.DropIndex(
                name: "IX_FinalGrades_TemplateId_CriterionId_ServiceArea_Grade",
                table: "FinalGrades");

            migrationBuilder.DropIndex(
                name: "IX_FinalGrades_TemplateId_FinalisedAt_ServiceArea_TeamId_Crite~",
                table: "FinalGrades");

            migrationBuilder.DropIndex(
                name: "IX_Audits_TemplateId_FinalOverall",
                table: "Audits");

            migrationBuilder.DropIndex(
                name: "IX_Audits_TemplateId_FinalisedAt_ServiceArea_TeamId_FinalOvera~",
                table: "Audits");

            migrationBuilder.DropIndex(
                name: "IX_Actions_TeamId_Status_DueOn",
                table: "Actions");

            migrationBuilder.AddPrimaryKey(
                name: "PK_PublishedWorkflows",
                table: "PublishedWorkflows",
                columns: new[] { "CouncilId", "Name", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_FinalGrades_CouncilId_TeamId_FinalisedAt",
                table: "FinalGrades",
                columns: new[] { "CouncilId", "TeamId", "FinalisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FinalGrades_CouncilId_TemplateId_CriterionId_ServiceArea_Gr~",
                table: "FinalGrades",
                columns: new[] { "CouncilId", "TemplateId", "CriterionId", "ServiceArea", "Grade" });

            migrationBuilder.CreateIndex(
                name: "IX_FinalGrades_CouncilId_TemplateId_FinalisedAt_ServiceArea_Te~",
                table: "FinalGrades",
                columns: new[] { "CouncilId", "TemplateId", "FinalisedAt", "ServiceArea", "TeamId", "CriterionId", "Grade" });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_CouncilId_RoundId_State",
                table: "Audits",
                columns: new[] { "CouncilId", "RoundId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_CouncilId_State",
                table: "Audits",
                columns: new[] { "CouncilId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_CouncilId_TemplateId_FinalOverall",
                table: "Audits",
                columns: new[] { "CouncilId", "TemplateId", "FinalOverall" });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_CouncilId_TemplateId_FinalisedAt_ServiceArea_TeamId_~",
                table: "Audits",
                columns: new[] { "CouncilId", "TemplateId", "FinalisedAt", "ServiceArea", "TeamId", "FinalOverall" });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_TemplateId",
                table: "Audits",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_Actions_CouncilId_Status_DueOn",
                table: "Actions",
                columns: new[] { "CouncilId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Actions_CouncilId_TeamId_Status_DueOn",
                table: "Actions",
                columns: new[] { "CouncilId", "TeamId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Actions_TeamId",
                table: "Actions",
                column: "TeamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_PublishedWorkflows",
                table: "PublishedWorkflows");

            migrationBuilder.DropIndex(
                name: "IX_FinalGrades_CouncilId_TeamId_FinalisedAt",
                table: "FinalGrades");

            migrationBuilder.DropIndex(
                name: "IX_FinalGrades_CouncilId_TemplateId_CriterionId_ServiceArea_Gr~",
                table: "FinalGrades");

            migrationBuilder.DropIndex(
                name: "IX_FinalGrades_CouncilId_TemplateId_FinalisedAt_ServiceArea_Te~",
                table: "FinalGrades");

            migrationBuilder.DropIndex(
                name: "IX_Audits_CouncilId_RoundId_State",
                table: "Audits");

            migrationBuilder.DropIndex(
                name: "IX_Audits_CouncilId_State",
                table: "Audits");

            migrationBuilder.DropIndex(
                name: "IX_Audits_CouncilId_TemplateId_FinalOverall",
                table: "Audits");

            migrationBuilder.DropIndex(
                name: "IX_Audits_CouncilId_TemplateId_FinalisedAt_ServiceArea_TeamId_~",
                table: "Audits");

            migrationBuilder.DropIndex(
                name: "IX_Audits_TemplateId",
                table: "Audits");

            migrationBuilder.DropIndex(
                name: "IX_Actions_CouncilId_Status_DueOn",
                table: "Actions");

            migrationBuilder.DropIndex(
                name: "IX_Actions_CouncilId_TeamId_Status_DueOn",
                table: "Actions");

            migrationBuilder.DropIndex(
                name: "IX_Actions_TeamId",
                table: "Actions");

            migrationBuilder.AddPrimaryKey(
                name: "PK_PublishedWorkflows",
                table: "PublishedWorkflows",
                columns: new[] { "Name", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_FinalGrades_TeamId_FinalisedAt",
                table: "FinalGrades",
                columns: new[] { "TeamId", "FinalisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FinalGrades_TemplateId_CriterionId_ServiceArea_Grade",
                table: "FinalGrades",
                columns: new[] { "TemplateId", "CriterionId", "ServiceArea", "Grade" });

            migrationBuilder.CreateIndex(
                name: "IX_FinalGrades_TemplateId_FinalisedAt_ServiceArea_TeamId_Crite~",
                table: "FinalGrades",
                columns: new[] { "TemplateId", "FinalisedAt", "ServiceArea", "TeamId", "CriterionId", "Grade" });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_TemplateId_FinalOverall",
                table: "Audits",
                columns: new[] { "TemplateId", "FinalOverall" });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_TemplateId_FinalisedAt_ServiceArea_TeamId_FinalOvera~",
                table: "Audits",
                columns: new[] { "TemplateId", "FinalisedAt", "ServiceArea", "TeamId", "FinalOverall" });

            migrationBuilder.CreateIndex(
                name: "IX_Actions_TeamId_Status_DueOn",
                table: "Actions",
                columns: new[] { "TeamId", "Status", "DueOn" });
        }
    }
}
