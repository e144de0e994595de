using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Audit.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CouncilTenancy : Migration
    {
        // Every row there was before councils belongs to the default council (Tenancy.CurrentCouncil.Default).
        private const string CouncilDefault = "default";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Teams_Name",
                table: "Teams");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Staff",
                table: "Staff");

            migrationBuilder.DropPrimaryKey(
                name: "PK_IdempotencyKeys",
                table: "IdempotencyKeys");

            migrationBuilder.DropIndex(
                name: "IX_CaseFiles_Reference",
                table: "CaseFiles");

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "Templates",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "Teams",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "Staff",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "Rounds",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "RoundPlans",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "Reflections",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "ReauditRequests",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "PublishedWorkflows",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "ParticipationEvidence",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "Outbox",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "Notifications",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "ModeratedGrades",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "IdempotencyKeys",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "Gradings",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "GradingDrafts",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "GradingDraftGrades",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "FinalGrades",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "CriterionGrades",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "Criteria",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "Concern",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "ChangeRecords",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "CaseFiles",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "Audits",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "AuditTimers",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "AuditHistory",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "Actions",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddColumn<string>(
                name: "CouncilId",
                table: "AccessRecords",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: CouncilDefault);

            migrationBuilder.AddPrimaryKey(
                name: "PK_Staff",
                table: "Staff",
                columns: new[] { "CouncilId", "UserName" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_IdempotencyKeys",
                table: "IdempotencyKeys",
                columns: new[] { "CouncilId", "UserName", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_Teams_CouncilId_Name",
                table: "Teams",
                columns: new[] { "CouncilId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_CouncilId_Reference",
                table: "CaseFiles",
                columns: new[] { "CouncilId", "Reference" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Teams_CouncilId_Name",
                table: "Teams");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Staff",
                table: "Staff");

            migrationBuilder.DropPrimaryKey(
                name: "PK_IdempotencyKeys",
                table: "IdempotencyKeys");

            migrationBuilder.DropIndex(
                name: "IX_CaseFiles_CouncilId_Reference",
                table: "CaseFiles");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "Staff");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "RoundPlans");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "Reflections");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "ReauditRequests");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "PublishedWorkflows");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "ParticipationEvidence");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "ModeratedGrades");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "IdempotencyKeys");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "Gradings");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "GradingDrafts");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "GradingDraftGrades");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "FinalGrades");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "CriterionGrades");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "Criteria");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "Concern");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "ChangeRecords");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "CaseFiles");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "Audits");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "AuditTimers");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "AuditHistory");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "Actions");

            migrationBuilder.DropColumn(
                name: "CouncilId",
                table: "AccessRecords");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Staff",
                table: "Staff",
                column: "UserName");

            migrationBuilder.AddPrimaryKey(
                name: "PK_IdempotencyKeys",
                table: "IdempotencyKeys",
                columns: new[] { "UserName", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_Teams_Name",
                table: "Teams",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_Reference",
                table: "CaseFiles",
                column: "Reference",
                unique: true);
        }
    }
}
