using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Templates;

public sealed class TemplateLineageTests
{
    private static readonly DateTimeOffset Later = TestData.Now.AddDays(3);

    private static readonly (string Title, string Guidance, string? PlainWords)[] NewCriteria =
    [
        ("I am listened to.", "Look for the child's own words.", "Did the worker listen to you?"),
        ("I know what happens next.", "Look for the plan explained to the child.", null),
    ];

    private static Template EditNewest(TemplateLineage lineage, string name = "Voice of the child, 2027") =>
        lineage.Edit(lineage.Newest.Id, Guid.NewGuid(), name, NewCriteria, new Target(Grade.Outstanding, 40), [GraderRole.Auditor], People.PrincipalSocialWorker, Later);

    [Fact]
    public void AFirstVersionIsVersionOneOfItsOwnLineage()
    {
        var template = new TemplateBuilder().Build();

        template.Version.ShouldBe(1);
        template.LineageId.ShouldBe(template.Id);
        template.IsRetired.ShouldBeFalse();
    }

    [Fact]
    public void EditingMakesTheNextVersionWithNewCriteriaAndLeavesTheOldOneAsItWas()
    {
        var first = new TemplateBuilder().Build();
        var oldCriteria = first.Criteria.Select(c => (c.Id, c.Title)).ToList();
        var lineage = new TemplateLineage([first]);

        var second = EditNewest(lineage);

        second.ShouldSatisfyAllConditions(
            t => t.Id.ShouldNotBe(first.Id),
            t => t.LineageId.ShouldBe(first.Id),
            t => t.Version.ShouldBe(2),
            t => t.Name.ShouldBe("Voice of the child, 2027"),
            t => t.Criteria.Select(c => c.Title).ShouldBe(["I am listened to.", "I know what happens next."]),
            t => t.Criteria[0].PlainWords.ShouldBe("Did the worker listen to you?"),
            t => t.Target.ShouldBe(new Target(Grade.Outstanding, 40)),
            t => t.Graders.ShouldBe([GraderRole.Auditor]),
            t => t.CreatedAt.ShouldBe(Later));
        second.Criteria.ShouldAllBe(c => !first.HasCriterion(c.Id));
        first.Criteria.Select(c => (c.Id, c.Title)).ShouldBe(oldCriteria);
        first.Version.ShouldBe(1);
        lineage.Newest.ShouldBe(second);
        lineage.Versions.ShouldBe([first, second]);
    }

    [Fact]
    public void EditingAnOlderVersionIsAConflictNamingTheNewest()
    {
        var first = new TemplateBuilder().Build();
        var lineage = new TemplateLineage([first]);
        EditNewest(lineage);

        var conflict = Should.Throw<DomainConflictException>(() =>
            lineage.Edit(first.Id, Guid.NewGuid(), "Stale", NewCriteria, new Target(Grade.Good, 65), [GraderRole.Auditor], People.PrincipalSocialWorker, Later));

        conflict.Message.ShouldContain("edit the newest version, version 2");
        lineage.Versions.Count.ShouldBe(2);
    }

    [Fact]
    public void AnEditStillKeepsTheRulesOfATemplate()
    {
        var lineage = new TemplateLineage([new TemplateBuilder().Build()]);

        Should.Throw<DomainRuleException>(() => lineage.Edit(
            lineage.Newest.Id, Guid.NewGuid(), "No criteria", [], new Target(Grade.Good, 65), [GraderRole.Auditor], People.PrincipalSocialWorker, Later))
            .Field.ShouldBe("criteria");
        lineage.Versions.Count.ShouldBe(1);
    }

    [Fact]
    public void RetiringRetiresEveryVersion()
    {
        var first = new TemplateBuilder().Build();
        var lineage = new TemplateLineage([first]);
        var second = EditNewest(lineage);

        lineage.Retire(People.PrincipalSocialWorker, Later);

        lineage.IsRetired.ShouldBeTrue();
        new[] { first, second }.ShouldAllBe(v => v.IsRetired && v.RetiredAt == Later && v.RetiredBy == People.PrincipalSocialWorker);
    }

    [Fact]
    public void RetiringTwiceChangesNothingTheFirstRetirementStands()
    {
        var lineage = new TemplateLineage([new TemplateBuilder().Build()]);
        lineage.Retire(People.PrincipalSocialWorker, Later);

        lineage.Retire(People.Auditor, Later.AddDays(1));

        lineage.Newest.RetiredAt.ShouldBe(Later);
        lineage.Newest.RetiredBy.ShouldBe(People.PrincipalSocialWorker);
    }

    [Fact]
    public void ARetiredTemplateCannotBeEdited()
    {
        var lineage = new TemplateLineage([new TemplateBuilder().Build()]);
        lineage.Retire(People.PrincipalSocialWorker, Later);

        Should.Throw<DomainConflictException>(() => EditNewest(lineage)).Message.ShouldContain("retired");
        lineage.Versions.Count.ShouldBe(1);
    }

    [Fact]
    public void TheNewestIsTheHighestVersionWhateverTheOrderGiven()
    {
        var first = new TemplateBuilder().Build();
        var second = EditNewest(new TemplateLineage([first]));

        new TemplateLineage([second, first]).Newest.ShouldBe(second);
    }

    [Fact]
    public void RefusesVersionsOfDifferentTemplatesAsOneLineage() =>
        Should.Throw<ArgumentException>(() => new TemplateLineage([new TemplateBuilder().Build(), new TemplateBuilder().Build()]));

    [Fact]
    public void RefusesALineageWithNoVersions() =>
        Should.Throw<ArgumentException>(() => new TemplateLineage([]));
}
