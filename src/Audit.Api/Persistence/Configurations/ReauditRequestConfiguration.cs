using Audit.Domain.Actions;
using Audit.Domain.Audits;
using Audit.Domain.CaseFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class ReauditRequestConfiguration : IEntityTypeConfiguration<ReauditRequest>
{
    public void Configure(EntityTypeBuilder<ReauditRequest> builder)
    {
        builder.ToTable("ReauditRequests");
        builder.Property(r => r.RequestedBy).HasMaxLength(100);
        builder.HasOne<CaseFile>().WithMany().HasForeignKey(r => r.CaseFileId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CaseFileAudit>().WithMany().HasForeignKey(r => r.AuditId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FollowUpAction>().WithMany().HasForeignKey(r => r.ActionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.ActionId).IsUnique();
        builder.HasIndex(r => new { r.FulfilledByAuditId, r.DueOn });
    }
}
