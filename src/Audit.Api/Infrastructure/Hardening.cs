using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Audit.Api.Infrastructure;

/// <summary>Bound from the "Limits" section.</summary>
public sealed class LimitOptions
{
    public const string Section = "Limits";

    /// <summary>Token requests a client address may make a minute.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Writes (anything but GET and HEAD) one user may make a minute.</summary>
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest case-file import accepted, in bytes (about 100 bytes a row).</summary>
    public long MaxImportBytes { get; set; } = 64L * 1024 * 1024;
}

/// <summary>Rate limits, security headers and request size limits: what every answer of this service gets.</summary>
public static class Hardening
{
    public const string SignInPolicy = "sign-in";

    public static IServiceCollection AddAuditHardening(this IServiceCollection services, IConfiguration configuration, IWebHostBuilder webHost)
    {
        var limits = configuration.GetSection(LimitOptions.Section).Get<LimitOptions>() ?? new LimitOptions();
        services.AddSingleton(limits);
        webHost.ConfigureKestrel(kestrel =>
        {
            // Endpoints that take more (the case-file import) say so in their metadata, which routing applies.
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Results.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests.",
                        detail: "Slow down and try again in a minute.")
                    .ExecuteAsync(context.HttpContext);
            };

            options.AddPolicy(SignInPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => Window(limits.SignInPerMinute)));

            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("reads")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        http.User.Identity?.Name ?? http.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                        _ => Window(limits.WritesPerMinute)));
        });
        return services;
    }

    /// <summary>Headers on every answer, and a refusal of bodies larger than the limit before they are read.</summary>
    public static IApplicationBuilder UseAuditHardening(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<LimitOptions>();
        var signIn = app.ApplicationServices.GetService<Auth.PageSignIn>();
        var pagePolicy = PageContentSecurityPolicy(signIn?.Authority);
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                var path = context.Request.Path;
                if (path.StartsWithSegments("/api") || path.StartsWithSegments("/health"))
                {
                    // Answers carry case detail: never cached, never framed, never treated as a document that runs script.
                    headers.CacheControl = "no-store";
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                }
                else if (!path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/scalar"))
                {
                    // Pages: our own styles and scripts only, nothing inline, no framing. Pages show case data, so they
                    // are never cached; the compiled styles and scripts may be.
                    headers.ContentSecurityPolicy = pagePolicy;
                    if (!IsStaticAsset(path))
                    {
                        headers.CacheControl = "no-store";
                    }
                }

                return Task.CompletedTask;
            });

            var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? limits.MaxRequestBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await Results.Problem(
                        statusCode: StatusCodes.Status413PayloadTooLarge,
                        title: "The request is too large.",
                        detail: $"Requests here are at most {limit} bytes.")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });
    }

    /// <summary>
    /// The pages' policy. Browsers hold a form's redirects to form-action too, so signing out through the council's
    /// identity provider (a POST answered by a redirect there) needs its origin named.
    /// </summary>
    public static string PageContentSecurityPolicy(string? identityProvider)
    {
        var formAction = Uri.TryCreate(identityProvider, UriKind.Absolute, out var authority)
            ? $"'self' {authority.GetLeftPart(UriPartial.Authority)}"
            : "'self'";
        return $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action {formAction}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    }

    private static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/assets");

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
