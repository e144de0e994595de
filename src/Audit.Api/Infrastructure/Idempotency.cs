using System.Security.Cryptography;
using Audit.Api.Persistence;
using Audit.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Infrastructure;

/// <summary>
/// Safe retries for every POST of the API, in one place. A POST sent with an <c>Idempotency-Key</c> header is run once
/// per person and key: a repeat with the same body gets the first answer again (status, body, content type and
/// Location, marked <c>Idempotent-Replayed: true</c>) without running, the same key with another body is refused (422),
/// and a repeat while the first is still running is refused (409). Keys live in the database, so they hold across
/// restarts and instances, and are forgotten after <see cref="Lifetime"/>. Answers of 500 and over, and requests that
/// fail with an exception (answered as problem details further out), are not kept: the key may be used again.
/// </summary>
public sealed class Idempotency(RequestDelegate next, IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || !context.Request.Headers.TryGetValue(HeaderName, out var header)
            || UserNames.CanonicalOrNull(context.User.Identity is { IsAuthenticated: true } identity ? identity.Name : null) is not { } user)
        {
            // Anonymous POSTs (the development sign-in) are not kept: their answers are tokens.
            await next(context);
            return;
        }

        var key = header.ToString().Trim();
        if (key.Length is 0 or > IdempotencyRecord.MaxKeyLength)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "The Idempotency-Key header is not valid.", $"Send a key of 1 to {IdempotencyRecord.MaxKeyLength} characters, new for each request.");
            return;
        }

        var hash = await HashAsync(context.Request, context.RequestAborted);
        var now = clock.GetUtcNow();
        var earlier = await FindAsync(user, key, now, context.RequestAborted);
        if (earlier is null && !await TryClaimAsync(user, key, hash, now, context.RequestAborted))
        {
            earlier = await FindAsync(user, key, now, context.RequestAborted);
        }

        if (earlier is not null)
        {
            await AnswerRepeatAsync(context, earlier, hash);
            return;
        }

        await RunOnceAsync(context, user, key);
    }

    private async Task RunOnceAsync(HttpContext context, string user, string key)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await ReleaseAsync(user, key);
            throw;
        }

        context.Response.Body = original;
        var body = buffer.ToArray();
        if (context.Response.StatusCode < StatusCodes.Status500InternalServerError)
        {
            await CompleteAsync(user, key, context.Response, body);
        }
        else
        {
            await ReleaseAsync(user, key);
        }

        await original.WriteAsync(body, context.RequestAborted);
    }

    private static async Task AnswerRepeatAsync(HttpContext context, IdempotencyRecord earlier, string hash)
    {
        if (!string.Equals(earlier.RequestHash, hash, StringComparison.Ordinal))
        {
            await ProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used for another request.",
                "The key was sent before with a different request body (or to another address). Use a new key for a new request.");
            return;
        }

        if (earlier.Status is not { } status)
        {
            await ProblemAsync(context, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still running.",
                "Wait for the first request to finish, then send it again with the same key to get its answer.");
            return;
        }

        context.Response.StatusCode = status;
        context.Response.Headers[ReplayedHeaderName] = "true";
        if (earlier.ContentType is not null)
        {
            context.Response.ContentType = earlier.ContentType;
        }

        if (earlier.Location is not null)
        {
            context.Response.Headers.Location = earlier.Location;
        }

        if (earlier.Body is { Length: > 0 } body)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);

    /// <summary>SHA-256 of what makes two requests the same: method, path, query and body (read, then rewound for the endpoint).</summary>
    private static async Task<string> HashAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private async Task<IdempotencyRecord?> FindAsync(string user, string key, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        return await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(r => r.UserName == user && r.Key == key && r.ExpiresAt > now, ct);
    }

    /// <summary>
    /// Claims the key with a row of its own; false when someone's request claimed it first (the key is unique per
    /// person, so of two at once only one insert succeeds). Keys past their lifetime are cleared out first.
    /// </summary>
    private async Task<bool> TryClaimAsync(string user, string key, string hash, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        await db.IdempotencyKeys.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
        db.IdempotencyKeys.Add(new IdempotencyRecord { UserName = user, Key = key, RequestHash = hash, CreatedAt = now, ExpiresAt = now + Lifetime });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    private async Task CompleteAsync(string user, string key, HttpResponse response, byte[] body)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        var claim = await db.IdempotencyKeys.SingleAsync(r => r.UserName == user && r.Key == key);
        claim.Status = response.StatusCode;
        claim.ContentType = response.ContentType;
        claim.Location = response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;
        claim.Body = body;
        await db.SaveChangesAsync();
    }

    private async Task ReleaseAsync(string user, string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        await db.IdempotencyKeys.Where(r => r.UserName == user && r.Key == key && r.Status == null).ExecuteDeleteAsync();
    }
}

/// <summary>Documents the <c>Idempotency-Key</c> header on every POST of the API that needs a token, as <see cref="Idempotency"/> takes it.</summary>
internal sealed class IdempotencyKeyHeader : Microsoft.AspNetCore.OpenApi.IOpenApiOperationTransformer
{
    public Task TransformAsync(Microsoft.OpenApi.OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = context.Description.RelativePath ?? "";
        if (string.Equals(context.Description.HttpMethod, HttpMethods.Post, StringComparison.OrdinalIgnoreCase)
            && path.StartsWith("api/", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWith("api/dev/", StringComparison.OrdinalIgnoreCase))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
            {
                Name = Idempotency.HeaderName,
                In = Microsoft.OpenApi.ParameterLocation.Header,
                Required = false,
                Description = "A key of your own, new for each request: a repeat with the same key and body gets the first answer without writing again (for 24 hours); the same key with another body answers 422.",
                Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyRecord.MaxKeyLength },
            });
        }

        return Task.CompletedTask;
    }
}
