using Audit.Workflows.Catalogue;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;
using Audit.Workflows.Tests.Support;
using static Audit.Domain.Grading.Grade;

namespace Audit.Workflows.Tests.Runtime;

/// <summary>
/// Each thread reuses one machine per definition, so a firing must never see another firing's state, facts or effects:
/// the same calls in any order, on any thread, give the same answers as each on its own.
/// </summary>
public sealed class ReusedMachineTests
{
    private static readonly WorkflowDefinition Definition = WorkflowLoader.Parse(Repository.CaseFileAuditJson, Path.Combine(Repository.WorkflowsFolder, "case-file-audit.json"));

    private static readonly (string State, string Trigger, Actor Actor, AuditFacts Facts)[] Cases =
    [
        ("Grading", Triggers.SubmitGrading, Facts.Auditor, Facts.Waiting),
        ("Grading", Triggers.SubmitGrading, Facts.YoungAssessor, Facts.AllIn([Good, Good], [Inadequate, RequiresImprovement]).BelowTarget()),
        ("Grading", Triggers.SubmitGrading, Facts.Auditor, Facts.AllIn([Good, RequiresImprovement]).BelowTarget()),
        ("Grading", Triggers.SubmitGrading, Facts.Auditor, Facts.AllIn([Outstanding, Good], [Good, Good])),
        ("Moderation", Triggers.Moderate, Facts.Psw, Facts.AllIn([Inadequate]).BelowTarget()),
        ("ActionsOpen", Triggers.CloseAction, Facts.TeamManager, Facts.AllIn([Good]).BelowTarget()),
        ("ActionsOpen", Triggers.CloseAction, Facts.TeamManager, Facts.AllIn([Good]).BelowTarget().ActionsClosed()),
        ("Grading", Triggers.Moderate, Facts.Psw, Facts.Waiting),
        ("Moderation", Triggers.Moderate, Facts.Auditor, Facts.AllIn([Inadequate])),
    ];

    private static string Describe(FireResult result) => result switch
    {
        Transitioned t => $"{t.From}->{t.To} [{string.Join(", ", t.Effects.Select(e => e.GetType().Name))}]",
        TriggerNotPermitted n => $"not permitted: {string.Join(", ", n.PermittedTriggers)}",
        TriggerForbidden f => $"forbidden: {string.Join(", ", f.AllowedRoles)}",
        _ => result.GetType().Name,
    };

    [Fact]
    public void FiringsInterleavedAcrossThreadsAnswerAsEachDoesAlone()
    {
        var alone = Cases.Select(c => Describe(WorkflowRuntime.Fire(Definition, c.State, c.Trigger, c.Actor, c.Facts))).ToList();
        alone.Distinct().Count().ShouldBeGreaterThan(5, "the cases cover different outcomes");

        var answers = new string[Cases.Length * 400];
        Parallel.For(0, answers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var c = Cases[i % Cases.Length];
            answers[i] = Describe(WorkflowRuntime.Fire(Definition, c.State, c.Trigger, c.Actor, c.Facts));
        });

        answers.Select((answer, i) => (answer, expected: alone[i % Cases.Length])).Where(x => x.answer != x.expected).ShouldBeEmpty();
    }

    [Fact]
    public void ARefusedTriggerListsWhatThisStateAndTheseFactsPermitNotThoseOfAnEarlierFiring()
    {
        WorkflowRuntime.Fire(Definition, "ActionsOpen", Triggers.CloseAction, Facts.TeamManager, Facts.AllIn([Good]).BelowTarget().ActionsClosed())
            .ShouldBeOfType<Transitioned>().To.ShouldBe("Completed");

        var refused = WorkflowRuntime.Fire(Definition, "Grading", Triggers.Moderate, Facts.Psw, Facts.Waiting).ShouldBeOfType<TriggerNotPermitted>();

        refused.State.ShouldBe("Grading");
        refused.PermittedTriggers.ShouldBe([Triggers.Cancel]);
    }
}
