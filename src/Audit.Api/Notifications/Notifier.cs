using Audit.Api.Persistence;
using Audit.Domain.Notifications;
using Audit.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Notifications;

/// <summary>Writes notifications and their outbox rows into the request's unit of work; the caller's SaveChanges keeps them.</summary>
public sealed class Notifier(AuditDbContext db, TimeProvider clock)
{
    public void Notify(IEnumerable<string> recipients, NotificationKind kind, string message, Guid? auditId = null, Guid? roundId = null, Guid? actionId = null)
    {
        var now = clock.GetUtcNow();
        foreach (var recipient in recipients.Distinct(StringComparer.Ordinal))
        {
            var notification = new Notification(Guid.CreateVersion7(), recipient, kind, message, now, auditId, roundId, actionId);
            db.Notifications.Add(notification);
            db.Outbox.Add(new OutboxMessage { NotificationId = notification.Id, CreatedAt = now });
        }
    }

    public async Task<IReadOnlyList<string>> PrincipalSocialWorkersAsync(CancellationToken ct) =>
        await db.Staff.Where(s => s.Roles.Contains(Role.PrincipalSocialWorker)).Select(s => s.UserName).ToListAsync(ct);
}
