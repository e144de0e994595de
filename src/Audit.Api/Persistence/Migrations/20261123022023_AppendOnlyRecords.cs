using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Audit.Api.Persistence.Migrations
{
    /// <summary>The audit history and the change records are the record an inspector asks for: append-only.</summary>
    public partial class AppendOnlyRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.MakeAppendOnly("AuditHistory");
            migrationBuilder.MakeAppendOnly("ChangeRecords");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropAppendOnly("AuditHistory");
            migrationBuilder.DropAppendOnly("ChangeRecords");
        }
    }
}
