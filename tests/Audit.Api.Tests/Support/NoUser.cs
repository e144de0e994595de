using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Support;

/// <summary>Nobody signed in: what a context made outside a request (start-up, a tool) records changes as.</summary>
public sealed class NoUser : ICurrentUser
{
    public string? UserName => null;

    public IReadOnlySet<string> Roles { get; } = new HashSet<string>();

    public Guid? TeamId => null;

    public bool IsIn(string role) => false;

    /// <summary>A context of its own on <paramref name="options"/>, outside the pool, for nobody in the default council.</summary>
    public static AuditDbContext ContextOn(DbContextOptions<AuditDbContext> options) =>
        AuditDbContext.Create(options, new NoUser(), TimeProvider.System, new CurrentCouncil(new NoUser()));
}
