using System.Net;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

/// <summary>Another writer changes the audit between our read and our write: the request gets a 409 and nothing of it is saved.</summary>
public sealed class ConcurrentWriterTests : IDisposable
{
    private readonly SneakyWriter _writer = new();
    private readonly AuditApiFactory _factory;

    public ConcurrentWriterTests() => _factory = new AuditApiFactory(configureServices: s => s.AddSingleton<IInterceptor>(_writer));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ASecondWriterGetsA409AndItsChangeIsNotSaved()
    {
        var scenario = new Scenario(_factory);
        var psw = scenario.Psw;
        var auditor = scenario.Auditor;
        var criteria = await scenario.CriterionIdsAsync();
        var auditId = (await scenario.PlanRoundAsync()).Single();

        _writer.BumpAuditOnNextSave(auditId);
        var problem = await auditor.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/api/audits/{auditId}/gradings", Scenario.Grading(criteria, "Good"));

        problem.Str("title").ShouldContain("Someone else changed this first");
        var audit = await psw.GetOkAsync($"/api/audits/{auditId}");
        audit.Arr("gradings").ShouldBeEmpty();
        audit.Arr("history").Count.ShouldBe(1);
    }

    /// <summary>Plays the other writer: just before our save, it moves the audit's version on in the database.</summary>
    private sealed class SneakyWriter : SaveChangesInterceptor
    {
        private Guid? _auditId;

        public void BumpAuditOnNextSave(Guid auditId) => _auditId = auditId;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (_auditId is { } id && eventData.Context is { } context)
            {
                _auditId = null;
                var bump = $"UPDATE \"Audits\" SET \"Version\" = \"Version\" + 1 WHERE {TestDatabase.IdIs("Id", id)}";
                var updated = await context.Database.ExecuteSqlRawAsync(bump, cancellationToken);
                updated.ShouldBe(1);
            }

            return result;
        }
    }
}
