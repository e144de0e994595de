using Audit.Api.Persistence;
using Audit.Api.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

public sealed class SecurityTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void EveryApiEndpointButTheDevelopmentSignInNeedsAToken()
    {
        _factory.CreateClient().Dispose();
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();

        endpoints.Count.ShouldBeGreaterThan(15);
        var open = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        open.ShouldAllBe(route => route!.StartsWith("/api/dev/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryWriteIsRecordedWithWhoAndWhen()
    {
        var scenario = new Scenario(_factory);
        var auditId = (await scenario.PlanRoundAsync()).Single();

        var records = await _factory.WithDbAsync(db => db.ChangeRecords.Where(c => c.UserName == DemoUsers.Psw).ToListAsync());

        records.ShouldContain(r => r.Entity == "CaseFileAudit" && r.EntityKey == auditId.ToString() && r.Operation == "Added");
        records.ShouldContain(r => r.Entity == "Round" && r.Operation == "Added");
        records.ShouldAllBe(r => r.At == AuditApiFactory.Start);
    }

    [Theory]
    [InlineData("UPDATE \"AuditHistory\" SET \"Detail\" = 'rewritten'")]
    [InlineData("DELETE FROM \"AuditHistory\"")]
    [InlineData("UPDATE \"ChangeRecords\" SET \"UserName\" = 'someone else'")]
    [InlineData("DELETE FROM \"ChangeRecords\"")]
    [InlineData("UPDATE \"AccessRecords\" SET \"UserName\" = 'nobody'")]
    public async Task TheDatabaseRefusesToRewriteTheRecord(string sql)
    {
        await new Scenario(_factory).PlanRoundAsync();

        var error = await Should.ThrowAsync<System.Data.Common.DbException>(() =>
            _factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));

        error.Message.ShouldContain("append-only");
        (await _factory.WithDbAsync(db => db.History.CountAsync())).ShouldBe(1);
    }
}
