using Audit.Api.Infrastructure;
using Audit.Api.Auth;
using Mediator;

namespace Audit.Api.Features.Dashboard;

public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapApiGroup("/api/dashboard", "Dashboard", Permissions.Staff)
            .MapGet("/", async (Guid? templateId, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetDashboard(templateId), ct)));
        return app;
    }
}
