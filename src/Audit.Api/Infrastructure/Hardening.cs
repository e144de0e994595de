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
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health"))
                {
                    // Answers carry case detail: never cached, never framed, never treated as a document that runs script.
                    headers.CacheControl = "no-store";
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
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

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
