using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Notifications;

/// <summary>The caller's newest notifications (at most <see cref="Take"/>), with how many they have in all.</summary>
public sealed record ListNotifications(bool UnreadOnly) : IRequest<Paged<NotificationDto>>
{
    public const int Take = 200;
}

public sealed record MarkNotificationRead(Guid Id) : IRequest<NotificationDto>;

/// <summary>How many of the caller's notifications are unread: the count in the page header.</summary>
public sealed record CountUnreadNotifications : IRequest<UnreadCount>;

public sealed record UnreadCount(int Unread);

public sealed record NotificationDto(Guid Id, NotificationKind Kind, string Message, DateTimeOffset CreatedAt, bool Read, Guid? AuditId, Guid? RoundId, Guid? ActionId);

/// <summary>Each person's own in-app list, newest first. Someone else's notification is not found.</summary>
internal sealed class NotificationHandlers(AuditDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ListNotifications, Paged<NotificationDto>>, IRequestHandler<MarkNotificationRead, NotificationDto>,
        IRequestHandler<CountUnreadNotifications, UnreadCount>
{
    public async ValueTask<UnreadCount> Handle(CountUnreadNotifications request, CancellationToken cancellationToken) =>
        new(await db.Notifications.CountAsync(n => n.Recipient == user.UserName && n.ReadAt == null, cancellationToken));

    public async ValueTask<Paged<NotificationDto>> Handle(ListNotifications request, CancellationToken cancellationToken)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.Recipient == user.UserName);
        if (request.UnreadOnly)
        {
            mine = mine.Where(n => n.ReadAt == null);
        }

        var (total, newest) = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).PageAsync(0, ListNotifications.Take, cancellationToken);
        return new Paged<NotificationDto>([.. newest.Select(ToDto)], total);
    }

    public async ValueTask<NotificationDto> Handle(MarkNotificationRead request, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == request.Id && n.Recipient == user.UserName, cancellationToken)
            ?? throw new NotFoundException("Notification", request.Id);
        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(notification);
    }

    private static NotificationDto ToDto(Notification n) => new(n.Id, n.Kind, n.Message, n.CreatedAt, n.ReadAt is not null, n.AuditId, n.RoundId, n.ActionId);
}
