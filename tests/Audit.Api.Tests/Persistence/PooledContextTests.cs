using Audit.Api.Persistence;
using Audit.Api.Tenancy;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Persistence;

/// <summary>
/// On SQLite the database contexts come from a pool (Persistence/DatabaseSetup). A context is bound to the scope that
/// borrows it, sees that scope's council alone, and is unbound when it is given back: one taken without a scope answers
/// nothing rather than another request's rows.
/// </summary>
[Trait("Database", TestDatabase.SqliteOnly)]
public sealed class PooledContextTests : IDisposable
{
    private const string OtherCouncil = "pool-other";
    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task EachBorrowerSeesItsOwnCouncilAndAContextGivenBackAnswersNothing()
    {
        await _factory.SeedCouncilAsync(OtherCouncil);
        await _factory.WithDbAsync(db => db.Teams.IgnoreQueryFilters().Where(t => EF.Property<string>(t, CouncilModel.Property) == OtherCouncil)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.Name, x => "Other " + x.Name)));

        // One after another, so that the second borrower may well be lent the first one's context.
        var seenByDefault = await _factory.WithDbAsync(db => db.Teams.Select(t => t.Name).ToListAsync());
        var seenByOther = await _factory.WithDbAsync(db => db.Teams.Select(t => t.Name).ToListAsync(), OtherCouncil);

        seenByDefault.ShouldNotBeEmpty();
        seenByDefault.ShouldAllBe(name => !name.StartsWith("Other "));
        seenByOther.ShouldNotBeEmpty();
        seenByOther.ShouldAllBe(name => name.StartsWith("Other "));
    }

    [Fact]
    public async Task AContextGivenBackIsBoundToNobody()
    {
        var context = NoUser.ContextOn(_factory.Services.GetRequiredService<DbContextOptions<AuditDbContext>>());
        context.CouncilId.ShouldBe(CurrentCouncil.Default);

        await context.DisposeAsync();

        Should.Throw<InvalidOperationException>(() => context.CouncilId).Message.ShouldContain("not bound");
    }

    [Fact]
    public async Task AContextTakenFromThePoolWithoutAScopeAnswersNoQuery()
    {
        var pool = _factory.Services.GetRequiredService<IDbContextFactory<AuditDbContext>>();
        await using var unbound = await pool.CreateDbContextAsync();

        var thrown = await Should.ThrowAsync<InvalidOperationException>(() => unbound.Teams.ToListAsync());
        thrown.Message.ShouldContain("not bound");
    }
}
