using Audit.Api.Auth;
using Audit.Api.Features.Actions;
using Audit.Api.Features.Dashboard;
using Audit.Api.Features.Reports;
using Audit.Api.Infrastructure;
using Audit.Domain.Actions;
using Audit.Domain.Calendar;
using Audit.Domain.Teams;
using Mediator;

namespace Audit.Api.Features.Exports;

/// <summary>
/// <c>GET /api/reports/{name}.csv</c> and <c>.xlsx</c> for <c>dashboard</c>, <c>trend</c>, <c>agreement</c>,
/// <c>you-said-we-did</c> and <c>actions</c>: each takes the JSON endpoint's query filters, sends the same request
/// (so the same validation, scoping and 400/403/404 problem details) under the same route policy, and writes the
/// answer through <see cref="ExportFile{T}"/>. The same downloads are mapped under <c>/reports/</c> for the pages'
/// "Download" links, since the API takes bearer tokens and never the pages' cookie.
/// </summary>
public static class ExportsEndpoints
{
    public const string ApiPrefix = "/api/reports";
    public const string PagePrefix = "/reports";

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        MapEach(app.MapApiGroup(ApiPrefix, "Exports"));
        MapEach(app.MapGroup(PagePrefix).RequireAuthorization().ExcludeFromDescription());
        return app;
    }

    private static void MapEach(RouteGroupBuilder group)
    {
        foreach (var format in Enum.GetValues<ExportFormat>())
        {
            var extension = ExportFiles.Extension(format);
            var file = format == ExportFormat.Csv ? "a CSV file" : "an Excel workbook";

            group.MapGet($"/dashboard.{extension}", async (Guid? templateId, string? from, string? to, string? serviceArea, Guid? teamId, ISender sender, CancellationToken ct) =>
            {
                var request = new GetDashboard(templateId, from, to, serviceArea, teamId);
                var dashboard = await sender.Send(request, ct);
                return ExportFiles.Of(format, DashboardExport.FileName("dashboard", request), DashboardExport.DashboardColumns, DashboardExport.Rows(dashboard));
            }).RequireAuthorization(Permissions.Staff).WithSummary($"Download the dashboard as {file}").Produces(StatusCodes.Status200OK, contentType: ExportFiles.ContentType(format));

            group.MapGet($"/trend.{extension}", async (Guid? templateId, string? from, string? to, string? serviceArea, Guid? teamId, string? by, ISender sender, CancellationToken ct) =>
            {
                var request = new GetDashboardTrend(templateId, from, to, serviceArea, teamId, by);
                var trend = await sender.Send(request, ct);
                return ExportFiles.Of(format, DashboardExport.TrendFileName(request), DashboardExport.TrendColumns, DashboardExport.Rows(trend));
            }).RequireAuthorization(Permissions.Staff).WithSummary($"Download the trend as {file}").Produces(StatusCodes.Status200OK, contentType: ExportFiles.ContentType(format));

            group.MapGet($"/agreement.{extension}", async (Guid? templateId, DateOnly? from, DateOnly? to, ISender sender, CancellationToken ct) =>
            {
                var request = new GetAgreement(templateId, from, to);
                var report = await sender.Send(request, ct);
                return ExportFiles.Of(format, AgreementExport.FileName(request), AgreementExport.Columns, AgreementExport.Rows(report));
            }).RequireAuthorization(Permissions.GraderAgreement).WithSummary($"Download the graders' agreement as {file}").Produces(StatusCodes.Status200OK, contentType: ExportFiles.ContentType(format));

            group.MapGet($"/you-said-we-did.{extension}", async (DateOnly? from, DateOnly? to, ServiceArea? serviceArea, ISender sender, TimeProvider clock, CancellationToken ct) =>
            {
                var rows = await YouSaidWeDidExport.RowsAsync(sender, new GetYouSaidWeDid(from, to, serviceArea), ct);
                return ExportFiles.Of(format, YouSaidWeDidExport.FileName(ReportPeriod.Of(from, to, clock), serviceArea), YouSaidWeDidExport.Columns, rows);
            }).RequireAuthorization(Permissions.Staff).WithSummary($"Download you said, we did as {file}").Produces(StatusCodes.Status200OK, contentType: ExportFiles.ContentType(format));

            group.MapGet($"/actions.{extension}", async (bool? mine, ActionStatus? status, ISender sender, TimeProvider clock, CouncilCalendar calendar, CancellationToken ct) =>
            {
                var rows = await sender.Send(new StreamActions(mine ?? false, status), ct);
                var today = calendar.Today(clock.GetUtcNow());
                return ExportFiles.Of(format, ActionsExport.FileName(mine ?? false, status, today), ActionsExport.Columns, rows);
            }).RequireAuthorization(Permissions.Managers).WithSummary($"Download the follow-up actions as {file}").Produces(StatusCodes.Status200OK, contentType: ExportFiles.ContentType(format));
        }
    }
}
