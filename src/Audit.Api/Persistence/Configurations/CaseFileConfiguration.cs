using Audit.Api.Tenancy;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class CaseFileConfiguration : IEntityTypeConfiguration<CaseFile>
{
    public void Configure(EntityTypeBuilder<CaseFile> builder)
    {
        builder.Property(c => c.Reference).HasMaxLength(50);
        builder.Property(c => c.AllocatedWorker).HasMaxLength(200);
        builder.Property(c => c.WorkerUserName).HasMaxLength(CaseFile.MaxWorkerUserNameLength);
        builder.HasIndex(c => c.WorkerUserName);
        builder.Property(c => c.RedactedExtract).HasMaxLength(8000);
        // A reference is unique within its council.
        builder.Property<string>(CouncilModel.Property);
        builder.HasIndex(CouncilModel.Property, nameof(CaseFile.Reference)).IsUnique();
        builder.HasIndex(c => new { c.TeamId, c.Reference });
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
