using Audit.Domain.Users;
using Audit.Workflows.Catalogue;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;
using Audit.Workflows.Tests.Support;
using static Audit.Domain.Grading.Grade;
using static Audit.Workflows.Tests.Support.DefinitionFixtures;

namespace Audit.Workflows.Tests.Runtime;

/// <summary>What the runtime does with any definition, beyond the paths of the case-file audit.</summary>
public sealed class WorkflowRuntimeTests
{
    private static readonly WorkflowDefinition Minimal = WorkflowLoader.Parse(Fixture("minimal.json"), "minimal.json");

    private static readonly WorkflowDefinition Audit = WorkflowLoader.Parse(Baseline, BaselineFile);

    [Fact]
    public void StartingRunsTheInitialStatesEntryActivities()
    {
        var definition = WorkflowLoader.Parse(BaselineWith("states[0].onEntry", """[{ "activity": "raiseFollowUpActions", "with": { "dueInDays": 7 } }]"""), BaselineFile);

        var started = WorkflowRuntime.Start(definition);

        started.State.ShouldBe("Grading");
        started.Effects.ShouldBe([new RaiseFollowUpActions(7)]);
    }

    [Fact]
    public void ATriggerTheDefinitionDoesNotDeclareIsNotPermittedRatherThanForbidden()
    {
        var result = WorkflowRuntime.Fire(Minimal, "Open", Triggers.SubmitGrading, Facts.Auditor, Facts.Waiting);

        var refused = result.ShouldBeOfType<TriggerNotPermitted>();
        refused.State.ShouldBe("Open");
        refused.Trigger.ShouldBe(Triggers.SubmitGrading);
        refused.PermittedTriggers.ShouldBeEmpty();
    }

    [Fact]
    public void AnActorWithSeveralRolesNeedsOnlyOneThatMayFire()
    {
        var result = WorkflowRuntime.Fire(Minimal, "Open", Triggers.Cancel, Facts.As(Role.Auditor, Role.PrincipalSocialWorker), Facts.Waiting);

        result.ShouldBeOfType<Transitioned>().To.ShouldBe("Done");
    }

    [Fact]
    public void AnActorWithNoRolesIsForbiddenEveryDeclaredTrigger()
    {
        foreach (var trigger in Audit.Triggers)
        {
            var forbidden = WorkflowRuntime.Fire(Audit, "Grading", trigger.Name, Facts.As(), Facts.Waiting).ShouldBeOfType<TriggerForbidden>();
            forbidden.Trigger.ShouldBe(trigger.Name);
            forbidden.AllowedRoles.ShouldBe(trigger.Roles);
        }
    }

    [Fact]
    public void AnUnknownStateIsAProgrammingErrorWhenAskingWhatIsPermitted()
    {
        Should.Throw<ArgumentException>(() => WorkflowRuntime.PermittedTriggers(Audit, "Limbo", Facts.Psw, Facts.Waiting))
            .ParamName.ShouldBe("state");
    }

    [Fact]
    public void FiringIsPureAndSafeFromManyThreadsAtOnce()
    {
        var cases = new (string State, string Trigger, Actor Actor, AuditFacts Facts, string To)[]
        {
            ("Grading", Triggers.SubmitGrading, Facts.Auditor, Facts.Waiting, "Grading"),
            ("Grading", Triggers.SubmitGrading, Facts.Auditor, Facts.AllIn([Inadequate]), "Moderation"),
            ("Grading", Triggers.SubmitGrading, Facts.Auditor, Facts.AllIn([Good]).BelowTarget(), "ActionsOpen"),
            ("Grading", Triggers.SubmitGrading, Facts.Auditor, Facts.AllIn([Good]), "Completed"),
            ("ActionsOpen", Triggers.CloseAction, Facts.TeamManager, Facts.Waiting, "ActionsOpen"),
            ("ActionsOpen", Triggers.CloseAction, Facts.TeamManager, Facts.Waiting.ActionsClosed(), "Completed"),
        };

        var outcomes = new string[600];
        Parallel.For(0, outcomes.Length, i =>
        {
            var c = cases[i % cases.Length];
            var result = (Transitioned)WorkflowRuntime.Fire(Audit, c.State, c.Trigger, c.Actor, c.Facts);
            outcomes[i] = $"{result.To} {result.Effects.Count}";
        });

        for (var i = 0; i < outcomes.Length; i++)
        {
            var c = cases[i % cases.Length];
            var expectedEffects = c.To == c.State ? 0 : Audit.EntryActivities(c.To).Count;
            outcomes[i].ShouldBe($"{c.To} {expectedEffects}");
        }
    }

    [Fact]
    public void TheEffectsOfOneFiringCannotLeakIntoTheNext()
    {
        var first = (Transitioned)WorkflowRuntime.Fire(Audit, "Grading", Triggers.SubmitGrading, Facts.Auditor, Facts.AllIn([Good]));
        var second = (Transitioned)WorkflowRuntime.Fire(Audit, "Grading", Triggers.SubmitGrading, Facts.Auditor, Facts.AllIn([Good]));

        first.Effects.ShouldBe([new FinaliseGrades(), new MarkCompleted()]);
        second.Effects.ShouldBe(first.Effects);
        first.Effects.ShouldNotBeSameAs(second.Effects);
    }

    [Fact]
    public void TheDefinitionAnswersQuestionsAboutItsStates()
    {
        Audit.IsFinal("Completed").ShouldBeTrue();
        Audit.IsFinal("Grading").ShouldBeFalse();
        Audit.TransitionsFrom("Grading").Select(t => t.To).ShouldBe(["Moderation", "ActionsOpen", "Completed", "Grading", "Cancelled"]);
        Audit.TransitionsFrom("Completed").ShouldBeEmpty();
        Audit.EntryActivities("ActionsOpen").Select(a => a.ToString()).ShouldBe(["finaliseGrades", "raiseFollowUpActions(dueInDays=28)"]);
        Audit.EntryActivities("Grading").ShouldBeEmpty();
        Audit.Transitions[0].When.Select(g => g.ToString()).ShouldBe(["allGradingsIn", "needsModeration(forcingGrade=Inadequate, pointsApart=2)"]);
        Audit.Transitions[3].IsStay.ShouldBeTrue();
    }
}
