using Audit.Api.Tenancy;
using Audit.Domain.Audits;
using Audit.Domain.CaseFiles;
using Audit.Domain.Rounds;
using Audit.Domain.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class CaseFileAuditConfiguration : IEntityTypeConfiguration<CaseFileAudit>
{
    public void Configure(EntityTypeBuilder<CaseFileAudit> builder)
    {
        builder.ToTable("Audits");
        builder.Property(a => a.State).HasMaxLength(100);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.ComplexProperty(a => a.Workflow, workflow =>
        {
            workflow.Property(w => w.Name).HasColumnName("WorkflowName").HasMaxLength(100);
            workflow.Property(w => w.Version).HasColumnName("WorkflowVersion");
            workflow.Property(w => w.ContentHash).HasColumnName("WorkflowHash").HasMaxLength(64);
        });

        builder.HasOne<Round>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Template>().WithMany().HasForeignKey(a => a.TemplateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CaseFile>().WithMany().HasForeignKey(a => a.CaseFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.CaseFileId);
        builder.HasIndex(a => a.TeamId);

        // Every query also compares the council (Tenancy.CouncilModel), so the indexes the dashboard, reports and lists
        // read lead with it: each still covers its query, the council's rows side by side.
        builder.Property<string>(CouncilModel.Property);
        builder.HasIndex(CouncilModel.Property, nameof(CaseFileAudit.TemplateId), nameof(CaseFileAudit.FinalOverall));

        // The dashboard's overall share and team comparison: audits of a template's versions made final in a period.
        builder.HasIndex(
            CouncilModel.Property, nameof(CaseFileAudit.TemplateId), nameof(CaseFileAudit.FinalisedAt), nameof(CaseFileAudit.ServiceArea), nameof(CaseFileAudit.TeamId), nameof(CaseFileAudit.FinalOverall));

        // The audits list by state, and a round's audits by state.
        builder.HasIndex(CouncilModel.Property, nameof(CaseFileAudit.State));
        builder.HasIndex(CouncilModel.Property, nameof(CaseFileAudit.RoundId), nameof(CaseFileAudit.State));

        builder.OwnsMany(a => a.Assignments, assignment =>
        {
            assignment.ToTable("AuditAssignments");
            assignment.WithOwner().HasForeignKey("AuditId");
            assignment.Property<Guid>("AuditId");
            assignment.HasKey("AuditId", nameof(Assignment.UserName), nameof(Assignment.Role));
            assignment.Property(x => x.UserName).HasMaxLength(100);
            assignment.HasIndex(x => x.UserName);
        });
        builder.Navigation(a => a.Assignments).HasField("_assignments");

        builder.HasMany(a => a.Gradings).WithOne().HasForeignKey(g => g.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Gradings).HasField("_gradings");

        builder.HasMany(a => a.Moderation).WithOne().HasForeignKey(m => m.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Moderation).HasField("_moderation");

        builder.HasMany(a => a.FinalGrades).WithOne().HasForeignKey(f => f.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.FinalGrades).HasField("_finalGrades");

        builder.HasMany(a => a.Concerns).WithOne().HasForeignKey(c => c.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Concerns).HasField("_concerns");

        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.History).HasField("_history");
    }
}

internal sealed class AuditGradingConfiguration : IEntityTypeConfiguration<AuditGrading>
{
    public void Configure(EntityTypeBuilder<AuditGrading> builder)
    {
        builder.ToTable("Gradings");
        builder.Property(g => g.Grader).HasMaxLength(100);
        builder.HasIndex(g => new { g.AuditId, g.Grader, g.Role }).IsUnique();
        builder.HasMany(g => g.Grades).WithOne().HasForeignKey(x => x.GradingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Grades).HasField("_grades");
    }
}

internal sealed class CriterionGradeConfiguration : IEntityTypeConfiguration<CriterionGrade>
{
    public void Configure(EntityTypeBuilder<CriterionGrade> builder)
    {
        builder.ToTable("CriterionGrades");
        builder.HasKey(x => new { x.GradingId, x.CriterionId });
        builder.Property(x => x.Evidence).HasMaxLength(CaseFileAudit.MaxTextLength);
    }
}

internal sealed class ModeratedGradeConfiguration : IEntityTypeConfiguration<ModeratedGrade>
{
    public void Configure(EntityTypeBuilder<ModeratedGrade> builder)
    {
        builder.ToTable("ModeratedGrades");
        builder.HasKey(m => new { m.AuditId, m.CriterionId });
        builder.Property(m => m.Reason).HasMaxLength(CaseFileAudit.MaxTextLength);
        builder.Property(m => m.Moderator).HasMaxLength(100);
    }
}

internal sealed class FinalGradeConfiguration : IEntityTypeConfiguration<FinalGrade>
{
    public void Configure(EntityTypeBuilder<FinalGrade> builder)
    {
        builder.HasKey(f => new { f.AuditId, f.CriterionId });

        // Each leads with the council, which every query compares (Tenancy.CouncilModel), so that each still covers its query.
        builder.Property<string>(CouncilModel.Property);

        // Covers the dashboard's aggregate: filter on template, group by criterion and service area, count by grade.
        builder.HasIndex(CouncilModel.Property, nameof(FinalGrade.TemplateId), nameof(FinalGrade.CriterionId), nameof(FinalGrade.ServiceArea), nameof(FinalGrade.Grade));

        // The dashboard by period: a template's versions, final in a period, by service area and team, counted by criterion and grade.
        builder.HasIndex(
            CouncilModel.Property, nameof(FinalGrade.TemplateId), nameof(FinalGrade.FinalisedAt), nameof(FinalGrade.ServiceArea), nameof(FinalGrade.TeamId), nameof(FinalGrade.CriterionId), nameof(FinalGrade.Grade));
        builder.HasIndex(CouncilModel.Property, nameof(FinalGrade.TeamId), nameof(FinalGrade.FinalisedAt));
    }
}

internal sealed class HistoryEntryConfiguration : IEntityTypeConfiguration<HistoryEntry>
{
    public void Configure(EntityTypeBuilder<HistoryEntry> builder)
    {
        builder.ToTable("AuditHistory");
        builder.Property(h => h.By).HasMaxLength(100);
        builder.Property(h => h.Trigger).HasMaxLength(100);
        builder.Property(h => h.FromState).HasMaxLength(100);
        builder.Property(h => h.ToState).HasMaxLength(100);
        builder.Property(h => h.Detail).HasMaxLength(1000);
        builder.Property(h => h.Hash).HasMaxLength(64);
        builder.Property(h => h.PreviousHash).HasMaxLength(64);
        builder.HasIndex(h => new { h.AuditId, h.Sequence }).IsUnique();
    }
}
