using Audit.Api.Notifications;
using Audit.Domain.Audits;
using Audit.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Audit.Api.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Recipient).HasMaxLength(100);
        builder.Property(n => n.Message).HasMaxLength(Notification.MaxMessageLength);
        builder.HasIndex(n => new { n.Recipient, n.ReadAt, n.CreatedAt });
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.HasOne<Notification>().WithMany().HasForeignKey(m => m.NotificationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.LastErrorKind).HasMaxLength(OutboxErrorKinds.MaxLength);
        builder.HasIndex(m => new { m.SentAt, m.Id });
        builder.HasIndex(m => m.ParkedAt);
        builder.Property(m => m.ClaimedBy).HasMaxLength(OutboxMessage.ClaimedByMaxLength);
    }
}

internal sealed class ConcernConfiguration : IEntityTypeConfiguration<Concern>
{
    public void Configure(EntityTypeBuilder<Concern> builder)
    {
        builder.Property(c => c.RaisedBy).HasMaxLength(100);
        builder.Property(c => c.Description).HasMaxLength(Concern.MaxDescriptionLength);
    }
}
