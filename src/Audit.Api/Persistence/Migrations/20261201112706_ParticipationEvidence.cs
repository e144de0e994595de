using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Audit.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ParticipationEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ParticipationEvidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseFileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    HasAccount = table.Column<bool>(type: "INTEGER", nullable: false),
                    Statements = table.Column<int>(type: "INTEGER", nullable: false),
                    StatementsBeforeReview = table.Column<int>(type: "INTEGER", nullable: false),
                    ContributedToReview = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParticipationEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ParticipationEvidence_CaseFiles_CaseFileId",
                        column: x => x.CaseFileId,
                        principalTable: "CaseFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ParticipationEvidence_CaseFileId_Month",
                table: "ParticipationEvidence",
                columns: new[] { "CaseFileId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ParticipationEvidence_Month",
                table: "ParticipationEvidence",
                column: "Month");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ParticipationEvidence");
        }
    }
}
