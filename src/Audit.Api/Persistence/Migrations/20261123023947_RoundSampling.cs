using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Audit.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RoundSampling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SampleExcludeAuditedWithinMonths",
                table: "Rounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SamplePerTeam",
                table: "Rounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SampleSeed",
                table: "Rounds",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SampleExcludeAuditedWithinMonths",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "SamplePerTeam",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "SampleSeed",
                table: "Rounds");
        }
    }
}
