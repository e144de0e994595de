using Audit.Domain.Audits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class AuditTimerConfiguration : IEntityTypeConfiguration<AuditTimer>
{
    public void Configure(EntityTypeBuilder<AuditTimer> builder)
    {
        builder.Property(t => t.State).HasMaxLength(100);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasOne<CaseFileAudit>().WithMany().HasForeignKey(t => t.AuditId).OnDelete(DeleteBehavior.Cascade);

        // The runner's query: pending timers by due time.
        builder.HasIndex(t => new { t.FiredAt, t.CancelledAt, t.DueAt });
        builder.HasIndex(t => t.AuditId);
    }
}
