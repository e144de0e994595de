using Audit.Domain.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class TemplateConfiguration : IEntityTypeConfiguration<Template>
{
    public void Configure(EntityTypeBuilder<Template> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.CreatedBy).HasMaxLength(100);
        builder.Property(t => t.RetiredBy).HasMaxLength(100);
        builder.Ignore(t => t.IsRetired);
        builder.HasIndex(t => new { t.LineageId, t.Version }).IsUnique();
        builder.ComplexProperty(t => t.Target, target =>
        {
            target.Property(x => x.AtLeast).HasColumnName("TargetAtLeast");
            target.Property(x => x.Percent).HasColumnName("TargetPercent");
        });
        builder.PrimitiveCollection(t => t.Graders).HasField("_graders");
        builder.HasMany(t => t.Criteria).WithOne().HasForeignKey(c => c.TemplateId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Criteria).HasField("_criteria");
    }
}

internal sealed class CriterionConfiguration : IEntityTypeConfiguration<Criterion>
{
    public void Configure(EntityTypeBuilder<Criterion> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(500);
        builder.Property(c => c.Guidance).HasMaxLength(4000);
        builder.Property(c => c.PlainWords).HasMaxLength(4000);
        builder.HasIndex(c => new { c.TemplateId, c.Position }).IsUnique();
    }
}
