using System.Reflection;
using Audit.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages;

/// <summary>
/// Puts a page in the service navigation, for the roles named (none named: everyone signed in). A role page says so
/// on its own page model, so pages can be added without editing a shared list:
/// <c>[ServiceNavigationLink("Audits to grade", "/audits", Order = 20, Roles = [Role.Auditor])]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ServiceNavigationLinkAttribute(string text, string href) : Attribute
{
    public string Text { get; } = text;

    public string Href { get; } = href;

    public int Order { get; set; }

    public string[] Roles { get; set; } = [];
}

/// <summary>The service navigation's links, found once on the page models, and which of them a person sees.</summary>
public sealed class ServiceNavigation
{
    private readonly IReadOnlyList<ServiceNavigationLinkAttribute> _links = typeof(ServiceNavigation).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(PageModel)))
        .SelectMany(type => type.GetCustomAttributes<ServiceNavigationLinkAttribute>())
        .OrderBy(link => link.Order)
        .ThenBy(link => link.Text, StringComparer.Ordinal)
        .ToList();

    public IReadOnlyList<ServiceNavigationLinkAttribute> For(ICurrentUser user) =>
        _links.Where(link => link.Roles.Length == 0 || link.Roles.Any(user.IsIn)).ToList();
}
