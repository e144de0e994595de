using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Support;

/// <summary>Every page route the running app exposes, found from its endpoint data source, so a new page is covered without editing a list.</summary>
public static class PageRoutes
{
    public static IReadOnlyList<string> Of(AuditApiFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(route => !route.EndsWith("/Index", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>A page route with its parameters filled: ids by the route's first segment (<c>/audits/{id}</c> takes the audit's), a workflow's name as case-file-audit, numbers as 1.</summary>
    public static string Fill(string route, IReadOnlyDictionary<string, Guid> idsByApiPrefix)
    {
        var first = "/api/" + route.TrimStart('/').Split('/')[0];
        var id = idsByApiPrefix.TryGetValue(first, out var known) ? known : Guid.NewGuid();
        return System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)(:[^}]*)?\??\}", match => match.Groups[1].Value switch
        {
            "id" => id.ToString(),
            "code" => "404",
            "name" => "case-file-audit",
            _ => match.Groups[2].Value.Contains("guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : "1",
        });
    }
}
