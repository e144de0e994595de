using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Mediator;

namespace Audit.Api.Features.Staff;

public static class StaffEndpoints
{
    public static IEndpointRouteBuilder MapStaff(this IEndpointRouteBuilder app)
    {
        app.MapApiGroup("/api/staff", "Staff", Permissions.PrincipalSocialWorker)
            .MapGet("/", async (ISender sender, HttpResponse response, CancellationToken ct, string? role = null, int skip = 0, int take = ListStaff.DefaultTake) =>
                TypedResults.Ok(response.WithTotal(await sender.Send(new ListStaff(role, skip, take), ct))))
            .WithSummary("List the staff, optionally by role");
        return app;
    }
}
