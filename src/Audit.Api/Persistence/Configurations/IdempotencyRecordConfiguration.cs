using Audit.Api.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyKeys");

        // One key per person: the same key from two people is two requests.
        builder.Property<string>(CouncilModel.Property);
        builder.HasKey(CouncilModel.Property, nameof(IdempotencyRecord.UserName), nameof(IdempotencyRecord.Key));
        builder.Property(r => r.UserName).HasMaxLength(100);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(2000);
        builder.HasIndex(r => r.ExpiresAt);
    }
}
