using Audit.Api.Tenancy;
using Audit.Domain.Actions;
using Audit.Domain.Audits;
using Audit.Domain.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class FollowUpActionConfiguration : IEntityTypeConfiguration<FollowUpAction>
{
    public void Configure(EntityTypeBuilder<FollowUpAction> builder)
    {
        builder.ToTable("Actions");
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.Assignee).HasMaxLength(100);
        builder.Property(a => a.ClosedBy).HasMaxLength(100);
        builder.Property(a => a.WhatChanged).HasMaxLength(FollowUpAction.MaxWhatChangedLength);
        builder.HasOne<CaseFileAudit>().WithMany().HasForeignKey(a => a.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Team>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.AuditId, a.CriterionId }).IsUnique();

        // The actions lists and counts by team, and by state and due date (escalation, overdue), within the council every query compares.
        builder.Property<string>(CouncilModel.Property);
        builder.HasIndex(CouncilModel.Property, nameof(FollowUpAction.TeamId), nameof(FollowUpAction.Status), nameof(FollowUpAction.DueOn));
        builder.HasIndex(CouncilModel.Property, nameof(FollowUpAction.Status), nameof(FollowUpAction.DueOn));
    }
}
