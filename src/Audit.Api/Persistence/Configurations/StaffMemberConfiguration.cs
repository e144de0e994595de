using Audit.Api.Tenancy;
using Audit.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        // User names are unique within a council; two councils may each have an ivan.quill.
        builder.Property<string>(CouncilModel.Property);
        builder.HasKey(CouncilModel.Property, nameof(StaffMember.UserName));
        builder.Property(s => s.UserName).HasMaxLength(100);
        builder.Property(s => s.DisplayName).HasMaxLength(200);
        builder.PrimitiveCollection(s => s.Roles).HasField("_roles");
    }
}
