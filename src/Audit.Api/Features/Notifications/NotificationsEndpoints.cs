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
            TypedResults.Ok(response.WithTotal(await sender.Send(new ListNotifications(unread ?? false), ct))));

        group.MapGet("/unread-count", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CountUnreadNotifications(), ct)));

        group.MapPost("/{id:guid}/read", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new MarkNotificationRead(id), ct)));

        group.MapGet("/parked", async (int? skip, int? take, ISender sender, HttpResponse response, CancellationToken ct) =>
                TypedResults.Ok(response.WithTotal(await sender.Send(new ListParkedMessages(skip ?? 0, take ?? ListParkedMessages.DefaultTake), ct))))
            .RequireAuthorization(Permissions.PrincipalSocialWorker)
            .ProducesValidationProblem();

        group.MapPost("/parked/{id:long}/requeue", async (long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RequeueParkedMessage(id), ct)))
            .RequireAuthorization(Permissions.PrincipalSocialWorker)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
