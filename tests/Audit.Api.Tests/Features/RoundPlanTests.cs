using System.Net;
using Audit.Api.Features.RoundPlans;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

/// <summary>Recurring rounds on a fake clock: one round per period, missed periods caught up once, one instance wins.</summary>
public sealed class RoundPlanTests : IDisposable
{
    private readonly SharedDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    private AuditApiFactory Factory() => _data.Instance();

    private static Task<int> OpenDueAsync(AuditApiFactory factory) =>
        factory.Services.GetRequiredService<RoundPlanRunner>().OpenDueAsync(CancellationToken.None);

    private static async Task CreateMonthlyPlanAsync(Scenario scenario)
    {
        var plan = await scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/round-plans", new
        {
            name = "Monthly voice audit",
            templateId = (await scenario.DudleyTemplateAsync()).Id(),
            schedule = "0 6 1 * *",
            dueInDays = 30,
            perTeam = 1,
            excludeAuditedWithinMonths = 0,
            auditors = new[] { DemoUsers.Auditor, DemoUsers.OtherAuditor },
            youngAssessors = new[] { DemoUsers.YoungAssessor, DemoUsers.OtherYoungAssessor },
        });
        plan.Str("nextOpens").ShouldStartWith("2026-12-01T06:00:00");
    }

    [Fact]
    public async Task OpensOneRoundEachPeriodFromItsTemplateSampleAndPools()
    {
        using var factory = Factory();
        var scenario = new Scenario(factory);
        await CreateMonthlyPlanAsync(scenario);

        (await OpenDueAsync(factory)).ShouldBe(0);
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));
        (await OpenDueAsync(factory)).ShouldBe(1);
        (await OpenDueAsync(factory)).ShouldBe(0);

        var round = await factory.WithDbAsync(db => db.Rounds.SingleAsync());
        round.Name.ShouldBe("Monthly voice audit (2026-12-01)");
        round.DueOn.ShouldBe(new DateOnly(2026, 12, 31));
        round.CreatedBy.ShouldBe(DemoUsers.Psw);
        (await factory.WithDbAsync(db => db.Audits.CountAsync(a => a.RoundId == round.Id))).ShouldBe(7);
        (await scenario.Psw.GetOkAsync("/api/round-plans")).AsArray().Single()!.Str("lastOpenedFor").ShouldStartWith("2026-12-01T06:00:00");
    }

    [Fact]
    public async Task PeriodsMissedWhileDownAreOpenedOnceNotOncePerTick()
    {
        using (var first = Factory())
        {
            await CreateMonthlyPlanAsync(new Scenario(first));
        }

        using var second = Factory();
        second.CreateClient().Dispose();
        second.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 5, 0, 0, 0, TimeSpan.Zero));

        (await OpenDueAsync(second)).ShouldBe(1);
        (await OpenDueAsync(second)).ShouldBe(0);
        (await second.WithDbAsync(db => db.Rounds.Select(r => r.Name).ToListAsync())).ShouldBe(["Monthly voice audit (2027-03-01)"]);
    }

    [Fact]
    public async Task TwoInstancesOpenAPeriodOnce()
    {
        using var one = Factory();
        await CreateMonthlyPlanAsync(new Scenario(one));
        using var two = Factory();
        two.CreateClient().Dispose();
        var tick = new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero);
        one.Clock.SetUtcNow(tick);
        two.Clock.SetUtcNow(tick);

        var opened = await Task.WhenAll(OpenDueAsync(one), OpenDueAsync(two));

        opened.Sum().ShouldBe(1);
        (await one.WithDbAsync(db => db.Rounds.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task APausedPlanOpensNothingAndResumedItWaitsForTheNextTick()
    {
        using var factory = Factory();
        var scenario = new Scenario(factory);
        var plan = await scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/round-plans", new
        {
            name = "Child protection monthly", templateId = (await scenario.DudleyTemplateAsync()).Id(), schedule = "0 6 1 * *",
            dueInDays = 30, perTeam = 1, excludeAuditedWithinMonths = 0, serviceAreas = new[] { "ChildProtection" },
            auditors = new[] { DemoUsers.Auditor }, youngAssessors = new[] { DemoUsers.YoungAssessor },
        });

        (await scenario.Psw.PostOkAsync($"/api/round-plans/{plan.Id()}/pause", new { }))["active"]!.GetValue<bool>().ShouldBeFalse();
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        (await OpenDueAsync(factory)).ShouldBe(0);

        await scenario.Psw.PostOkAsync($"/api/round-plans/{plan.Id()}/resume", new { });
        (await OpenDueAsync(factory)).ShouldBe(0);
        factory.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 7, 0, 0, TimeSpan.Zero));
        (await OpenDueAsync(factory)).ShouldBe(1);

        var audits = await factory.WithDbAsync(db => db.Audits.Select(a => a.ServiceArea).ToListAsync());
        audits.Count.ShouldBe(2);
        audits.ShouldAllBe(a => a == Domain.Teams.ServiceArea.ChildProtection);
    }

    [Fact]
    public async Task RefusesAScheduleThatIsNotCron()
    {
        using var factory = Factory();
        var scenario = new Scenario(factory);

        var problem = await scenario.Psw.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/round-plans", new
        {
            name = "Whenever", templateId = (await scenario.DudleyTemplateAsync()).Id(), schedule = "every month",
            dueInDays = 30, perTeam = 1, excludeAuditedWithinMonths = 0, auditors = new[] { DemoUsers.Auditor },
        });

        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["schedule"]);
    }
}
