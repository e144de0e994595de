using System.Globalization;
using Audit.Api.Infrastructure;
using Audit.Api.Notifications;
using Audit.Api.Persistence;
using Audit.Domain.Notifications;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Notifications;

/// <summary>E-mails the outbox gave up on after its last attempt, the longest parked first, for the PSW.</summary>
public sealed record ListParkedMessages(int Skip = 0, int Take = ListParkedMessages.DefaultTake) : IRequest<Paged<ParkedMessageDto>>
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;
}

/// <summary>
/// A parked e-mail as the PSW sees it: who it was for (a colleague's user name), what kind of notification, how often it
/// was tried and what kind of failure stopped it. Never the notification's words nor the mail server's.
/// </summary>
public sealed record ParkedMessageDto(long Id, string Recipient, NotificationKind Kind, DateTimeOffset CreatedAt, int Attempts, string? LastErrorKind, DateTimeOffset ParkedAt);

/// <summary>Puts a parked e-mail back in the outbox with a fresh set of attempts; the dispatcher sends it on its next pass.</summary>
public sealed record RequeueParkedMessage(long Id) : IRequest<RequeuedMessage>;

public sealed record RequeuedMessage(long Id, DateTimeOffset NextAttemptAt);

internal sealed class ListParkedMessagesValidator : AbstractValidator<ListParkedMessages>
{
    public ListParkedMessagesValidator()
    {
        RuleFor(x => x.Skip).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Take).InclusiveBetween(1, ListParkedMessages.MaxTake);
    }
}

internal sealed class ParkedMessageHandlers(AuditDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ListParkedMessages, Paged<ParkedMessageDto>>, IRequestHandler<RequeueParkedMessage, RequeuedMessage>
{
    public async ValueTask<Paged<ParkedMessageDto>> Handle(ListParkedMessages request, CancellationToken cancellationToken)
    {
        var parked =
            from m in db.Outbox.AsNoTracking()
            join n in db.Notifications on m.NotificationId equals n.Id
            where m.ParkedAt != null && m.SentAt == null
            orderby m.ParkedAt, m.Id
            select new ParkedMessageDto(m.Id, n.Recipient, n.Kind, m.CreatedAt, m.Attempts, m.LastErrorKind, m.ParkedAt!.Value);
        var (total, items) = await parked.PageAsync(request.Skip, request.Take, cancellationToken);
        return new Paged<ParkedMessageDto>(items, total);
    }

    public async ValueTask<RequeuedMessage> Handle(RequeueParkedMessage request, CancellationToken cancellationToken)
    {
        var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == request.Id && m.ParkedAt != null && m.SentAt == null, cancellationToken)
            ?? throw new NotFoundException("Parked message", request.Id);
        var now = clock.GetUtcNow();
        var attempts = message.Attempts;
        message.ParkedAt = null;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        message.Version++;
        db.ChangeRecords.Add(new ChangeRecord
        {
            At = now,
            UserName = user.UserName ?? OutboxDispatcher.SystemUser,
            Entity = nameof(OutboxMessage),
            EntityKey = message.Id.ToString(CultureInfo.InvariantCulture),
            Operation = "Requeued",
            Changes = """{"fields":["Attempts","NextAttemptAt","ParkedAt","Version"]}""",
        });
        await db.SaveChangesAsync(cancellationToken);
        return new RequeuedMessage(message.Id, now);
    }
}
