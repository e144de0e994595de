using Audit.Domain.Rounds;

namespace Audit.Domain.Tests.Rounds;

public sealed class SamplerAndAssignmentTests
{
    private static readonly Guid TeamA = Guid.NewGuid();
    private static readonly Guid TeamB = Guid.NewGuid();

    private static List<Guid> Ids(int count) => Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();

    private static SampleRule Rule(int perTeam, int seed) => new(perTeam, [], [], 0, seed);

    [Fact]
    public void DrawsPerTeamRepeatablyFromTheSeed()
    {
        var a = Ids(20);
        var b = Ids(3);

        var first = Sampler.Draw(Rule(5, 11), [(TeamA, a), (TeamB, b)]);
        var again = Sampler.Draw(Rule(5, 11), [(TeamA, Enumerable.Reverse(a).ToList()), (TeamB, b)]);
        var other = Sampler.Draw(Rule(5, 12), [(TeamA, a), (TeamB, b)]);

        first.Count.ShouldBe(8);
        first.Count(a.Contains).ShouldBe(5);
        first.Count(b.Contains).ShouldBe(3);
        first.Distinct().Count().ShouldBe(8);
        again.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Fact]
    public void SpreadsCaseFilesEvenlyOverThePool()
    {
        var files = Ids(10).Select(id => (id, TeamA)).ToList();
        PoolMember[] auditors = [new("a1", null), new("a2", null), new("a3", null)];
        PoolMember[] youngAssessors = [new("y1", null), new("y2", null)];

        var pairs = GraderAssignment.Assign(files, auditors, youngAssessors);

        pairs.Select(p => p.CaseFileId).ShouldBe(files.Select(f => f.id));
        var loads = pairs.GroupBy(p => p.Auditor).Select(g => g.Count()).ToList();
        (loads.Max() - loads.Min()).ShouldBeLessThanOrEqualTo(1);
        pairs.GroupBy(p => p.YoungAssessor).Select(g => g.Count()).ShouldAllBe(n => n == 5);
    }

    [Fact]
    public void NeverGivesAnAuditorACaseFileOfTheirOwnTeam()
    {
        var files = Ids(6).Select((id, i) => (id, i % 2 == 0 ? TeamA : TeamB)).ToList();
        PoolMember[] auditors = [new("in-a", TeamA), new("in-b", TeamB), new("free", null)];

        var pairs = GraderAssignment.Assign(files, auditors, []);

        pairs.Where(p => files.Single(f => f.id == p.CaseFileId).Item2 == TeamA).ShouldAllBe(p => p.Auditor != "in-a");
        pairs.Where(p => files.Single(f => f.id == p.CaseFileId).Item2 == TeamB).ShouldAllBe(p => p.Auditor != "in-b");
        pairs.ShouldAllBe(p => p.YoungAssessor == null);
        var loads = pairs.GroupBy(p => p.Auditor).Select(g => g.Count()).ToList();
        (loads.Max() - loads.Min()).ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void KeepsTheLoadWithinOneWhateverOrderTheFilesComeIn()
    {
        PoolMember[] auditors = [new("in-a", TeamA), new("in-b", TeamB), new("free", null)];
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var files = Ids(3 + (attempt % 10)).Select((id, i) => (id, i % 2 == 0 ? TeamA : TeamB)).ToList();

            var pairs = GraderAssignment.Assign(files, auditors, []);

            var loads = auditors.Select(a => pairs.Count(p => p.Auditor == a.UserName)).ToList();
            (loads.Max() - loads.Min()).ShouldBeLessThanOrEqualTo(1, $"attempt {attempt}");
            pairs.ShouldAllBe(p => auditors.Single(a => a.UserName == p.Auditor).TeamId != files.Single(f => f.id == p.CaseFileId).Item2);
        }
    }

    [Fact]
    public void RefusesWhenOnlyAnAuditorOfTheTeamIsLeft() =>
        Should.Throw<DomainRuleException>(() => GraderAssignment.Assign([(Guid.NewGuid(), TeamA)], [new("in-a", TeamA)], []))
            .Field.ShouldBe("auditors");

    [Fact]
    public void RefusesAPersonNamedBothAsAnAuditorAndAsAYoungAssessorWhateverTheCase()
    {
        var error = Should.Throw<DomainRuleException>(() =>
            GraderAssignment.Assign([(Guid.NewGuid(), TeamA), (Guid.NewGuid(), TeamA)], [new("kit.both", null), new("other", null)], [new("Kit.Both", null)], "youngAssessor"));

        error.Field.ShouldBe("youngAssessor");
        error.Message.ShouldContain("cannot be both the auditor and the young assessor");
    }
}
