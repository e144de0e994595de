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
        foreach (var status in new[] { StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound })
        {
            group.ProducesProblem(status);
        }

        // A conflict (someone else's change first, a trigger the state does not permit) comes only from a change.
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            if (Changes(endpoint.Metadata))
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status409Conflict, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
            }
        });

        return group;
    }

    private static bool Changes(IList<object> metadata) =>
        metadata.OfType<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>().LastOrDefault() is not { } methods
        || methods.HttpMethods.Any(method => !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method));
}
