using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Features;

public sealed class PersistenceTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TheMigrationsBuildTheWholeModel()
    {
        _factory.CreateClient().Dispose();

        var pending = await _factory.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));
        var applied = await _factory.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync());

        pending.ShouldBeFalse("a model change has no migration: run dotnet ef migrations add");
        applied.ShouldNotBeEmpty();
    }
}
