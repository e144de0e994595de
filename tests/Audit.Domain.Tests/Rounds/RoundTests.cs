using Audit.Domain.Rounds;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Rounds;

public sealed class RoundTests
{
    [Fact]
    public void KeepsWhatItWasPlannedWith()
    {
        var templateId = Guid.NewGuid();

        var round = new Round(Guid.NewGuid(), "  Autumn 2026 sample  ", templateId, new DateOnly(2026, 12, 18), People.PrincipalSocialWorker, TestData.Now);

        round.Name.ShouldBe("Autumn 2026 sample");
        round.TemplateId.ShouldBe(templateId);
        round.DueOn.ShouldBe(new DateOnly(2026, 12, 18));
        round.CreatedBy.ShouldBe(People.PrincipalSocialWorker);
        round.CreatedAt.ShouldBe(TestData.Now);
    }

    [Fact]
    public void RefusesADueDateInThePast() =>
        Should.Throw<DomainRuleException>(() =>
                new Round(Guid.NewGuid(), "Late", Guid.NewGuid(), TestData.Today.AddDays(-1), People.PrincipalSocialWorker, TestData.Now))
            .Field.ShouldBe("dueOn");

    [Fact]
    public void AcceptsADueDateOfToday() =>
        new Round(Guid.NewGuid(), "Same day", Guid.NewGuid(), TestData.Today, People.PrincipalSocialWorker, TestData.Now)
            .DueOn.ShouldBe(TestData.Today);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RefusesABlankName(string name) =>
        Should.Throw<DomainRuleException>(() =>
                new Round(Guid.NewGuid(), name, Guid.NewGuid(), TestData.Today.AddDays(30), People.PrincipalSocialWorker, TestData.Now))
            .Field.ShouldBe("name");
}
