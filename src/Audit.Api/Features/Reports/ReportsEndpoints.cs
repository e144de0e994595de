using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Domain.Teams;
using Mediator;

namespace Audit.Api.Features.Reports;

public static class ReportsEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/reports", "Reports", Permissions.Staff);

        group.MapGet("/three-views", async (Guid? templateId, DateOnly? from, DateOnly? to, ServiceArea? serviceArea, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetThreeViews(templateId, from, to, serviceArea), ct)))
            .WithSummary("Compare the auditors', the young assessors' and the children's own views");

        group.MapGet("/you-said-we-did", async (DateOnly? from, DateOnly? to, ServiceArea? serviceArea, int? skip, int? take, ISender sender, HttpResponse response, CancellationToken ct) =>
            TypedResults.Ok(response.WithTotal(await sender.Send(new GetYouSaidWeDid(from, to, serviceArea, skip ?? 0, take ?? GetYouSaidWeDid.DefaultTake), ct))))
            .WithSummary("List what changed for children after their audits (you said, we did)");

        return app;
    }
}
