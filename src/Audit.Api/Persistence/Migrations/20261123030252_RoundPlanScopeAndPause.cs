using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Audit.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RoundPlanScopeAndPause : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "RoundPlans",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<long>(
                name: "ResumedAt",
                table: "RoundPlans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ServiceAreas",
                table: "RoundPlans",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Teams",
                table: "RoundPlans",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Active",
                table: "RoundPlans");

            migrationBuilder.DropColumn(
                name: "ResumedAt",
                table: "RoundPlans");

            migrationBuilder.DropColumn(
                name: "ServiceAreas",
                table: "RoundPlans");

            migrationBuilder.DropColumn(
                name: "Teams",
                table: "RoundPlans");
        }
    }
}
