using Audit.Domain.Rounds;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Rounds;

public sealed class RoundPlanTests
{
    private static RoundPlan Plan(int dueInDays = 30) => new(
        Guid.NewGuid(), "Monthly voice audit", Guid.NewGuid(), "0 6 1 * *", dueInDays, new SampleRule(2, [], [], 6, 0),
        [People.Auditor], [People.YoungAssessor], People.PrincipalSocialWorker, TestData.Now);

    [Fact]
    public void RecordsEachOpenedTickOnceAndInOrder()
    {
        var plan = Plan();
        var december = new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

        plan.OpenedUpTo.ShouldBe(TestData.Now);
        plan.RecordOpened(december);

        plan.LastOpenedFor.ShouldBe(december);
        plan.Version.ShouldBe(1);
        Should.Throw<DomainConflictException>(() => plan.RecordOpened(december));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public void ARoundIsDueWithinAYearOfOpening(int dueInDays) =>
        Should.Throw<DomainRuleException>(() => Plan(dueInDays)).Field.ShouldBe("dueInDays");
}
