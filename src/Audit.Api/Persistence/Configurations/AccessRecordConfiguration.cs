using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class AccessRecordConfiguration : IEntityTypeConfiguration<AccessRecord>
{
    public void Configure(EntityTypeBuilder<AccessRecord> builder)
    {
        builder.Property(a => a.UserName).HasMaxLength(100);
        builder.Property(a => a.View).HasMaxLength(50);
        builder.HasIndex(a => new { a.CaseFileId, a.At });
    }
}
