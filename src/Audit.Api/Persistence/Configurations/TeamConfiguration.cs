using Audit.Api.Tenancy;
using Audit.Domain.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.TeamManager).HasMaxLength(100);
        builder.Property(t => t.ServiceManager).HasMaxLength(100);
        // A team's name is unique within its council.
        builder.Property<string>(CouncilModel.Property);
        builder.HasIndex(CouncilModel.Property, nameof(Team.Name)).IsUnique();
        builder.HasIndex(t => t.TeamManager);
        builder.HasIndex(t => t.ServiceManager);
    }
}
