using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.Reports;

public static class AgreementEndpoints
{
    /// <summary>Do the graders agree: the PSW, and service managers over their own service's audits.</summary>
    public static IEndpointRouteBuilder MapAgreementReport(this IEndpointRouteBuilder app)
    {
        app.MapApiGroup("/api/reports/agreement", "Reports", Permissions.GraderAgreement)
            .MapGet("/", async (Guid? templateId, DateOnly? from, DateOnly? to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetAgreement(templateId, from, to), ct)))
            .WithSummary("Report how far the graders agree");
        return app;
    }
}
