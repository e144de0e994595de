using Audit.Domain.Rounds;
using Audit.Domain.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class RoundPlanConfiguration : IEntityTypeConfiguration<RoundPlan>
{
    public void Configure(EntityTypeBuilder<RoundPlan> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Schedule).HasMaxLength(100);
        builder.Property(p => p.CreatedBy).HasMaxLength(100);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.PrimitiveCollection(p => p.Auditors).HasField("_auditors");
        builder.PrimitiveCollection(p => p.YoungAssessors).HasField("_youngAssessors");
        builder.PrimitiveCollection(p => p.ServiceAreas).HasField("_serviceAreas");
        builder.PrimitiveCollection(p => p.Teams).HasField("_teams");
        builder.HasOne<Template>().WithMany().HasForeignKey(p => p.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}
