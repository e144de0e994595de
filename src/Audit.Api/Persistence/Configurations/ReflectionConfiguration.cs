using Audit.Domain.Audits;
using Audit.Domain.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class ReflectionConfiguration : IEntityTypeConfiguration<Reflection>
{
    public void Configure(EntityTypeBuilder<Reflection> builder)
    {
        builder.Property(r => r.WrittenBy).HasMaxLength(100);
        builder.Property(r => r.Text).HasMaxLength(Reflection.MaxTextLength);
        builder.HasIndex(r => new { r.AuditId, r.CriterionId }).IsUnique();
        builder.HasOne<CaseFileAudit>().WithMany().HasForeignKey(r => r.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Criterion>().WithMany().HasForeignKey(r => r.CriterionId).OnDelete(DeleteBehavior.Restrict);
    }
}
