using Audit.Api.Auth;
using Microsoft.AspNetCore.Diagnostics;

namespace Audit.Api.Pages;

/// <summary>Bound from the "Council" section: who runs this service, as the pages' header and titles show it.</summary>
public sealed class CouncilOptions
{
    public const string Section = "Council";

    public string Name { get; set; } = "Northbrook Council";

    /// <summary>
    /// The council's time zone (an IANA id): due dates, overdue and "today" are counted in it, not in UTC. Read at start
    /// into the <see cref="Domain.Calendar.CouncilCalendar"/> service.
    /// </summary>
    public string TimeZone { get; set; } = Domain.Calendar.CouncilCalendar.DefaultTimeZone;
}

/// <summary>
/// The Razor Pages beside the API: every page needs a signed-in person except sign-in, the signed-out confirmation
/// and the error pages. The API keeps its problem details; pages get GOV.UK error pages.
/// </summary>
public static class PageSetup
{
    public const string ErrorPath = "/error";

    /// <summary>The pages that take import files, as large as the API's imports take.</summary>
    private static readonly string[] ImportPages = ["/CaseFiles/Import", "/Evidence/Import"];

    public static IServiceCollection AddAuditPages(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<CouncilOptions>(configuration.GetSection(CouncilOptions.Section));
        services.AddSingleton<ServiceNavigation>();
        services.AddExceptionHandler<UnexpectedFailureHandler>();
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/");
            pages.Conventions.AuthorizeFolder("/Audits", Permissions.AuditParticipants);
            pages.Conventions.AuthorizeFolder("/Templates", Permissions.PrincipalSocialWorker);
            pages.Conventions.AuthorizeFolder("/CaseFiles", Permissions.CaseFileReaders);
            pages.Conventions.AuthorizeFolder("/Rounds", Permissions.PrincipalSocialWorker);
            pages.Conventions.AuthorizeFolder("/RoundPlans", Permissions.PrincipalSocialWorker);
            pages.Conventions.AuthorizeFolder("/Moderation", Permissions.PrincipalSocialWorker);
            pages.Conventions.AuthorizeFolder("/Workflows", Permissions.PrincipalSocialWorker);
            pages.Conventions.AuthorizeFolder("/Dashboard", Permissions.Staff);
            pages.Conventions.AuthorizeFolder("/Reports", Permissions.Staff);
            pages.Conventions.AuthorizeFolder("/Evidence", Permissions.PrincipalSocialWorker);
            pages.Conventions.AuthorizeFolder("/Practice", Permissions.Practitioners);
            pages.Conventions.AuthorizePage("/Notifications/Parked", Permissions.PrincipalSocialWorker);
            pages.Conventions.AllowAnonymousToPage("/SignIn");
            pages.Conventions.AllowAnonymousToPage("/SignedOut");
            pages.Conventions.AllowAnonymousToPage("/Error");
        });
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(mvc => mvc.Filters.Add(new PageRefusalFilter()));

        // The import pages take files as large as the API's imports do; every other page keeps the default limit.
        services.AddOptions<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>()
            .Configure<Infrastructure.LimitOptions>((pages, limits) =>
            {
                foreach (var importPage in ImportPages)
                {
                    pages.Conventions.AddPageApplicationModelConvention(importPage, page =>
                    {
                        page.EndpointMetadata.Add(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(limits.MaxImportBytes));
                        page.Filters.Add(new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = limits.MaxImportBytes });
                    });
                }
            });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = environment.IsDevelopment() ? "audit-antiforgery" : "__Host-audit-antiforgery";
            antiforgery.Cookie.SecurePolicy = PageAuthentication.SecurePolicy(environment);
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        return services;
    }

    /// <summary>
    /// Error pages for requests outside /api. A failure shows "Sorry, there is a problem with the service" to a browser
    /// (a client that does not ask for HTML, and the API, keep problem details), and a bare 4xx or 5xx status shows the
    /// GOV.UK page for it while the API keeps its problem details. Both re-execute in the main pipeline, which routes
    /// the error page afresh (a branch would not).
    /// </summary>
    public static IApplicationBuilder UseAuditErrorPages(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(ErrorPath + "/500");
        app.UseStatusCodePagesWithReExecute(ErrorPath + "/{0}");
        app.UseWhen(
            context => PageAuthentication.IsApi(context.Request.Path),
            api => api
                .Use((context, next) =>
                {
                    // The API answers its statuses as problem details, not pages.
                    if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                    {
                        pages.Enabled = false;
                    }

                    return next(context);
                })
                .UseStatusCodePages());
        return app;
    }

    internal static bool AcceptsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(accept => accept is not null && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// An unexpected failure answered as problem details (status 500, nothing about the failure), unless a browser asked
/// for a page outside /api: then the exception handler shows the "problem with the service" page instead.
/// </summary>
internal sealed class UnexpectedFailureHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!PageAuthentication.IsApi(httpContext.Request.Path) && PageSetup.AcceptsHtml(httpContext.Request))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = StatusCodes.Status500InternalServerError },
            Exception = exception,
        });
    }
}
