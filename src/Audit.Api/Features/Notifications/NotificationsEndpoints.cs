using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.Notifications;

public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/notifications", "Notifications");

        group.MapGet("/", async (bool? unread, ISender sender, HttpResponse response, CancellationToken ct) =>
            TypedResults.Ok(response.WithTotal(await sender.Send(new ListNotifications(unread ?? false), ct))))
            .WithSummary("List the caller's notifications");

        group.MapGet("/unread-count", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CountUnreadNotifications(), ct)))
            .WithSummary("Count the caller's unread notifications");

        group.MapPost("/{id:guid}/read", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new MarkNotificationRead(id), ct)))
            .WithSummary("Mark a notification read");

        group.MapGet("/parked", async (int? skip, int? take, ISender sender, HttpResponse response, CancellationToken ct) =>
                TypedResults.Ok(response.WithTotal(await sender.Send(new ListParkedMessages(skip ?? 0, take ?? ListParkedMessages.DefaultTake), ct))))
            .RequireAuthorization(Permissions.PrincipalSocialWorker)
            .WithSummary("List the e-mails parked after too many failed tries")
            .ProducesValidationProblem();

        group.MapPost("/parked/{id:long}/requeue", async (long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RequeueParkedMessage(id), ct)))
            .RequireAuthorization(Permissions.PrincipalSocialWorker)
            .WithSummary("Send a parked e-mail again")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
