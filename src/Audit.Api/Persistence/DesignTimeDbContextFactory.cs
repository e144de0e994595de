using Audit.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Audit.Api.Persistence;

/// <summary>Lets `dotnet ef` build the model without starting the service.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AuditDbContext>
{
    public AuditDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AuditDbContext>().UseSqlite("Data Source=design-time.db").Options, new NoUser(), TimeProvider.System);

    private sealed class NoUser : ICurrentUser
    {
        public string? UserName => null;
        public IReadOnlySet<string> Roles => new HashSet<string>();
        public Guid? TeamId => null;
        public bool IsIn(string role) => false;
    }
}
