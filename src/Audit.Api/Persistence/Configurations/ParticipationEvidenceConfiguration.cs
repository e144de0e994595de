using Audit.Domain.CaseFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class ParticipationEvidenceConfiguration : IEntityTypeConfiguration<ParticipationEvidence>
{
    public void Configure(EntityTypeBuilder<ParticipationEvidence> builder)
    {
        builder.ToTable("ParticipationEvidence");
        builder.Property(e => e.Month).HasMaxLength(ParticipationEvidence.MonthLength);
        builder.HasIndex(e => new { e.CaseFileId, e.Month }).IsUnique();
        builder.HasIndex(e => e.Month);
        builder.HasOne<CaseFile>().WithMany().HasForeignKey(e => e.CaseFileId).OnDelete(DeleteBehavior.Cascade);
    }
}
