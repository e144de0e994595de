using Audit.Domain.Audits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class GradingDraftConfiguration : IEntityTypeConfiguration<GradingDraft>
{
    public void Configure(EntityTypeBuilder<GradingDraft> builder)
    {
        builder.ToTable("GradingDrafts");
        builder.Property(d => d.Grader).HasMaxLength(100);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasOne<CaseFileAudit>().WithMany().HasForeignKey(d => d.AuditId).OnDelete(DeleteBehavior.Cascade);

        // One draft per grader and role on an audit: two first saves at once cannot both create one.
        builder.HasIndex(d => new { d.AuditId, d.Grader, d.Role }).IsUnique();
        builder.HasMany(d => d.Grades).WithOne().HasForeignKey(g => g.DraftId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Grades).HasField("_grades");
    }
}

internal sealed class DraftGradeConfiguration : IEntityTypeConfiguration<DraftGrade>
{
    public void Configure(EntityTypeBuilder<DraftGrade> builder)
    {
        builder.ToTable("GradingDraftGrades");
        builder.HasKey(g => new { g.DraftId, g.CriterionId });
        builder.Property(g => g.Evidence).HasMaxLength(CaseFileAudit.MaxTextLength);
    }
}
