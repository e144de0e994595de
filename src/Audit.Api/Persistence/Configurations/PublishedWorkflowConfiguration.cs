using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class PublishedWorkflowConfiguration : IEntityTypeConfiguration<PublishedWorkflow>
{
    public void Configure(EntityTypeBuilder<PublishedWorkflow> builder)
    {
        // Version numbers count within a council: two councils may each publish their own version 2 of a workflow.
        builder.Property<string>(Tenancy.CouncilModel.Property);
        builder.HasKey(Tenancy.CouncilModel.Property, nameof(PublishedWorkflow.Name), nameof(PublishedWorkflow.Version));
        builder.Property(w => w.Name).HasMaxLength(100);
        builder.Property(w => w.ContentHash).HasMaxLength(64);
    }
}

internal sealed class ChangeRecordConfiguration : IEntityTypeConfiguration<ChangeRecord>
{
    public void Configure(EntityTypeBuilder<ChangeRecord> builder)
    {
        builder.Property(c => c.UserName).HasMaxLength(100);
        builder.Property(c => c.Entity).HasMaxLength(100);
        builder.Property(c => c.EntityKey).HasMaxLength(200);
        builder.Property(c => c.Operation).HasMaxLength(20);
        builder.HasIndex(c => new { c.Entity, c.EntityKey });
    }
}
