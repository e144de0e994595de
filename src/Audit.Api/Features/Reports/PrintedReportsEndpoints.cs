using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.Reports;

public static class PrintedReportsEndpoints
{
    /// <summary>The reports people print: the monthly service report by team, and the annual report for the Corporate Parenting Board.</summary>
    public static IEndpointRouteBuilder MapPrintedReports(this IEndpointRouteBuilder app)
    {
        app.MapApiGroup("/api/reports/monthly", "Reports", Permissions.MonthlyReport)
            .MapGet("/", async (Guid? templateId, string? month, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMonthlyReport(templateId, month), ct)))
            .WithSummary("Get the monthly service report by team");
        app.MapApiGroup("/api/reports/board", "Reports", Permissions.BoardReport)
            .MapGet("/", async (Guid? templateId, int? year, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetBoardReport(templateId, year), ct)))
            .WithSummary("Get the annual report for the Corporate Parenting Board");
        return app;
    }
}
