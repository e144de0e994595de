using System.Globalization;
using System.Net;
using Audit.Api.Infrastructure;
using Audit.Api.Tests.Support;

namespace Audit.Api.Tests.Features;

/// <summary>GET /api/staff: the grader pools a round is planned from, for the principal social worker only.</summary>
public sealed class StaffListTests : IDisposable
{
    private readonly AuditApiFactory _factory = new();
    private readonly Scenario _scenario;

    public StaffListTests() => _scenario = new Scenario(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ARoleNarrowsTheListToThoseWhoHoldIt()
    {
        var auditors = await _scenario.Psw.GetOkAsync("/api/staff?role=auditor");
        var youngAssessors = await _scenario.Psw.GetOkAsync("/api/staff?role=youngAssessor");

        auditors.AsArray().Select(s => s.Str("userName")).ShouldContain(DemoUsers.Auditor);
        auditors.AsArray().Select(s => s.Str("userName")).ShouldContain(DemoUsers.OtherAuditor);
        auditors.AsArray().ShouldAllBe(s => s!["roles"]!.AsArray().Any(r => r!.GetValue<string>() == "Auditor"));
        youngAssessors.AsArray().Select(s => s.Str("userName")).ShouldBe([DemoUsers.YoungAssessor, DemoUsers.OtherYoungAssessor], ignoreOrder: true);
        auditors.AsArray().Select(s => s.Str("displayName")).ShouldBeInOrder();
    }

    [Fact]
    public async Task TheWholeListIsPagedWithItsTotalInTheHeader()
    {
        var all = await _scenario.Psw.GetAsync("/api/staff?take=200");
        var total = int.Parse(all.Headers.GetValues(PagedExtensions.TotalCountHeader).Single(), CultureInfo.InvariantCulture);
        var page = await _scenario.Psw.GetAsync("/api/staff?skip=1&take=2");

        (await Scenario.AsJsonAsync(all)).AsArray().Count.ShouldBe(total);
        total.ShouldBeGreaterThan(5);
        (await Scenario.AsJsonAsync(page)).AsArray().Count.ShouldBe(2);
        page.Headers.GetValues(PagedExtensions.TotalCountHeader).Single().ShouldBe(total.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AnUnknownRoleIsRefusedAndOnlyThePrincipalSocialWorkerMayList()
    {
        var problem = await _scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/api/staff?role=wizard");

        problem["errors"]!["role"].ShouldNotBeNull();
        (await _scenario.Auditor.GetAsync("/api/staff")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _scenario.YoungAssessor.GetAsync("/api/staff?role=youngAssessor")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
