using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Audit.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TemplateVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "LineageId",
                table: "Templates",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<long>(
                name: "RetiredAt",
                table: "Templates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RetiredBy",
                table: "Templates",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Templates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            // Every template saved before versions existed is version 1 of its own lineage.
            migrationBuilder.Sql("UPDATE \"Templates\" SET \"LineageId\" = \"Id\", \"Version\" = 1;");

            migrationBuilder.CreateIndex(
                name: "IX_Templates_LineageId_Version",
                table: "Templates",
                columns: new[] { "LineageId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Templates_LineageId_Version",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "LineageId",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "RetiredAt",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "RetiredBy",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Templates");
        }
    }
}
