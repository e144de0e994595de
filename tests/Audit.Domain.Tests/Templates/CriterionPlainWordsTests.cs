using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Templates;

public sealed class CriterionPlainWordsTests
{
    private static Template WithCriteria(params (string Title, string Guidance, string? PlainWords)[] criteria) =>
        new(Guid.NewGuid(), "Voice of the child", criteria, new Target(Grade.Good, 65), [GraderRole.Auditor, GraderRole.YoungAssessor], People.PrincipalSocialWorker, TestData.Now);

    [Fact]
    public void KeepsACriterionsPlainWordsTrimmed()
    {
        var template = WithCriteria(("I am listened to.", "Look for the child's own words.", "  Did the worker listen to the child?  "));

        template.Criteria.ShouldHaveSingleItem().PlainWords.ShouldBe("Did the worker listen to the child?");
    }

    [Fact]
    public void LeavesPlainWordsOutWhenBlankOrNotGiven()
    {
        var template = WithCriteria(("I am listened to.", "", "   "), ("I am involved in decisions about me.", "", null));

        template.Criteria.Select(c => c.PlainWords).ShouldAllBe(p => p == null);
    }

    [Fact]
    public void ATemplateWithoutPlainWordsHasNone() =>
        new TemplateBuilder().Build().Criteria.ShouldAllBe(c => c.PlainWords == null);
}
