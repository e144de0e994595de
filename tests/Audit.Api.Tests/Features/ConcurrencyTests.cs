using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Audit.Api.Persistence;
using Audit.Domain.Audits;

namespace Audit.Api.Tests.Features;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public ConcurrencyTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task OfTwoWritersToOneAuditTheSecondIsRefused()
    {
        var auditId = (await _scenario.PlanRoundAsync()).Single();
        await using var first = _factory.Services.CreateAsyncScope();
        await using var second = _factory.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<AuditDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<AuditDbContext>();
        var audit1 = await db1.Audits.Include(a => a.History).SingleAsync(a => a.Id == auditId);
        var audit2 = await db2.Audits.Include(a => a.History).SingleAsync(a => a.Id == auditId);

        audit1.RecordTransition("ada.winslow", "cancel", "Grading", "Cancelled", "first", DateTimeOffset.UtcNow);
        audit2.RecordTransition("ada.winslow", "cancel", "Grading", "Cancelled", "second", DateTimeOffset.UtcNow);
        await db1.SaveChangesAsync();

        // Either the version check or the history line's place in the chain refuses it, whichever the database meets first.
        await Should.ThrowAsync<DbUpdateException>(() => db2.SaveChangesAsync());
        var stored = await _factory.WithDbAsync(db => db.History.Where(h => h.AuditId == auditId).Select(h => h.Detail).ToListAsync());
        stored.ShouldContain("first");
        stored.ShouldNotContain("second");
    }

    [Fact]
    public async Task TwoGradersSubmittingAtOnceEitherBothLandOrOneGetsA409()
    {
        var criteria = await _scenario.CriterionIdsAsync();
        var auditId = (await _scenario.PlanRoundAsync()).Single();

        var responses = await Task.WhenAll(
            _scenario.Auditor.PostAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good")),
            _scenario.YoungAssessor.PostAsync($"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good")));

        responses.Select(r => (int)r.StatusCode).ShouldAllBe(s => s == 200 || s == 409);
        var landed = responses.Count(r => r.IsSuccessStatusCode);
        var stored = await _factory.WithDbAsync(db => db.Gradings.CountAsync(g => g.AuditId == auditId));
        stored.ShouldBe(landed);
    }
}
