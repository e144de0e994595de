namespace Audit.Api.Infrastructure;

public static class ApiGroups
{
    /// <summary>
    /// A feature's route group: tagged for the OpenAPI document, signed-in callers only (narrowed further by
    /// <paramref name="policy"/>), and documented to answer its refusals as problem details.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, string prefix, string tag, string? policy = null)
    {
        var group = app.MapGroup(prefix).WithTags(tag);
        _ = policy is null ? group.RequireAuthorization() : group.RequireAuthorization(policy);
        foreach (var status in new[] { StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict })
        {
            group.ProducesProblem(status);
        }

        return group;
    }
}
