using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using Audit.Domain.Templates;
using Audit.Domain.Tests.Builders;

namespace Audit.Domain.Tests.Audits;

public sealed class CaseFileAuditFollowUpActionTests
{
    private static readonly DateOnly DueOn = new(2026, 11, 30);
    private static readonly DateTimeOffset RaisedAt = TestData.Now.AddDays(7);

    private readonly Template _template = new TemplateBuilder().WithCriteria(4).Build();
    private readonly Team _team = TestData.Team(manager: "nia.holt");

    private CaseFileAudit Finalised(AuditBuilder builder, Action<CaseFileAudit>? beforeFinalising = null)
    {
        var audit = builder.Build();
        beforeFinalising?.Invoke(audit);
        audit.FinaliseGrades(_template, DateTimeOffset.UnixEpoch);
        return audit;
    }

    private AuditBuilder AnAudit() => new AuditBuilder().For(_template).ForCaseFile(TestData.CaseFile(_team)).GradedByTheYoungAssessor(Grade.Good);

    [Fact]
    public void RaisesOneActionPerCriterionBelowTheTargetGrade()
    {
        var audit = Finalised(AnAudit().GradedByTheAuditor(Grade.Good, Grade.Good, (0, Grade.RequiresImprovement), (2, Grade.Inadequate)));

        var actions = audit.RaiseFollowUpActions(_template, _team, DueOn, RaisedAt);

        actions.Select(a => a.CriterionId).ShouldBe([_template.Criteria[0].Id, _template.Criteria[2].Id]);
        actions.Select(a => a.FinalGrade).ShouldBe([Grade.RequiresImprovement, Grade.Inadequate]);
    }

    [Fact]
    public void AddressesEachActionToTheTeamManagerWithTheDueDate()
    {
        var audit = Finalised(AnAudit().GradedByTheAuditor(Grade.Inadequate));

        var actions = audit.RaiseFollowUpActions(_template, _team, DueOn, RaisedAt);

        actions.Count.ShouldBe(4);
        actions.ShouldAllBe(a =>
            a.Assignee == "nia.holt" && a.TeamId == _team.Id && a.AuditId == audit.Id && a.DueOn == DueOn && a.RaisedAt == RaisedAt && a.IsOpen);
        actions.Select(a => a.Id).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public void RaisesNoActionWhenEveryFinalGradeMeetsTheTarget()
    {
        var audit = Finalised(AnAudit().GradedByTheAuditor(Grade.Good, Grade.Good, (3, Grade.Outstanding)));

        audit.RaiseFollowUpActions(_template, _team, DueOn, RaisedAt).ShouldBeEmpty();
    }

    [Fact]
    public void FollowsTheModeratedGradesNotTheAuditors()
    {
        var audit = Finalised(
            AnAudit().GradedByTheAuditor(Grade.Good, Grade.Good, (1, Grade.Inadequate)),
            a => a.RecordModeration(
                _template,
                People.PrincipalSocialWorker,
                [
                    new GradeEntry(_template.Criteria[1].Id, Grade.Good, "The child's views are in the review minutes."),
                    new GradeEntry(_template.Criteria[3].Id, Grade.RequiresImprovement, "Nothing shows the child was told the outcome."),
                ],
                null,
                TestData.Now));

        var actions = audit.RaiseFollowUpActions(_template, _team, DueOn, RaisedAt);

        actions.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            a => a.CriterionId.ShouldBe(_template.Criteria[3].Id),
            a => a.FinalGrade.ShouldBe(Grade.RequiresImprovement));
    }

    [Fact]
    public void MeasuresAgainstTheTemplatesTargetGrade()
    {
        var template = new TemplateBuilder().WithTarget(Grade.RequiresImprovement).Build();
        var audit = new AuditBuilder().For(template).ForCaseFile(TestData.CaseFile(_team))
            .GradedByTheAuditor(Grade.RequiresImprovement, Grade.RequiresImprovement, (1, Grade.Inadequate))
            .GradedByTheYoungAssessor(Grade.Good)
            .Build();
        audit.FinaliseGrades(template, DateTimeOffset.UnixEpoch);

        var actions = audit.RaiseFollowUpActions(template, _team, DueOn, RaisedAt);

        actions.ShouldHaveSingleItem().CriterionId.ShouldBe(template.Criteria[1].Id);
    }

    [Fact]
    public void RefusesATeamOtherThanTheCaseFilesOwn()
    {
        var audit = Finalised(AnAudit().GradedByTheAuditor(Grade.Inadequate));

        Should.Throw<ArgumentException>(() => audit.RaiseFollowUpActions(_template, TestData.Team(manager: "nia.holt"), DueOn, RaisedAt))
            .ParamName.ShouldBe("team");
    }

    [Fact]
    public void RaisesActionsOnlyOnceAndOnlyFromFinalGrades()
    {
        var unfinalised = AnAudit().GradedByTheAuditor(Grade.Inadequate).Build();
        Should.Throw<InvalidOperationException>(() => unfinalised.RaiseFollowUpActions(_template, _team, DueOn, RaisedAt));

        var audit = Finalised(AnAudit().GradedByTheAuditor(Grade.Inadequate));
        audit.RaiseFollowUpActions(_template, _team, DueOn, RaisedAt).Count.ShouldBe(4);

        Should.Throw<DomainConflictException>(() => audit.RaiseFollowUpActions(_template, _team, DueOn, RaisedAt));
        audit.ActionsRaisedAt.ShouldBe(RaisedAt);
    }

    [Fact]
    public void FinalGradesCanNoLongerBeModerated()
    {
        var audit = Finalised(AnAudit().GradedByTheAuditor(Grade.Good));

        Should.Throw<DomainConflictException>(() => audit.RecordModeration(
            _template, People.PrincipalSocialWorker, [new GradeEntry(_template.Criteria[0].Id, Grade.Inadequate, "Too late.")], Grade.Inadequate, RaisedAt));
        audit.FinalOverall.ShouldBe(Grade.Good);
        audit.Moderation.ShouldBeEmpty();
    }
}
