using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.Dashboard;

public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/dashboard", "Dashboard", Permissions.Staff);
        group.MapGet("/", async (Guid? templateId, string? from, string? to, string? serviceArea, Guid? teamId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetDashboard(templateId, from, to, serviceArea, teamId), ct)))
            .WithSummary("Get the dashboard: grades against target by criterion");
        group.MapGet("/trend", async (Guid? templateId, string? from, string? to, string? serviceArea, Guid? teamId, string? by, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetDashboardTrend(templateId, from, to, serviceArea, teamId, by), ct)))
            .WithSummary("Get the trend of grades over time");
        group.MapGet("/teams", async (Guid? templateId, string? from, string? to, string? serviceArea, Guid? teamId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetTeamComparison(templateId, from, to, serviceArea, teamId), ct)))
            .WithSummary("Compare teams");
        return app;
    }
}
