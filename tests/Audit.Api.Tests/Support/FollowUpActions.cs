using Audit.Api.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Support;

/// <summary>A follow-up action raised through the API, with whom it concerns.</summary>
public sealed record RaisedAction(
    Guid AuditId,
    Guid ActionId,
    string Criterion,
    DateOnly DueOn,
    Guid TeamId,
    string TeamName,
    string TeamManager,
    string TeamManagerName,
    string ServiceManager)
{
    public const string AuditorEvidence = "The auditor found the child's wishes written down but not acted on.";
    public const string YoungAssessorEvidence = "The young assessor found no sign the child was asked before the review.";
}

/// <summary>Raises follow-up actions and runs them late, as the people and timers in the loop would.</summary>
public static class FollowUpActions
{
    /// <summary>
    /// Plans a round over the case file at <paramref name="skip"/> and grades it so that the third principle falls
    /// below target: one action for the team manager of the case file's team. The graders' evidence for that
    /// principle is <see cref="RaisedAction.AuditorEvidence"/> and <see cref="RaisedAction.YoungAssessorEvidence"/>.
    /// </summary>
    public static async Task<RaisedAction> RaiseActionAsync(this Scenario scenario, AuditApiFactory app, int skip)
    {
        var criteria = await scenario.CriterionIdsAsync();
        var auditId = (await scenario.PlanRoundAsync(skip: skip)).Single();
        await scenario.Auditor.PostOkAsync($"/api/audits/{auditId}/gradings", Grading(criteria, "RequiresImprovement", RaisedAction.AuditorEvidence));
        await scenario.YoungAssessor.PostOkAsync($"/api/audits/{auditId}/gradings", Grading(criteria, "RequiresImprovement", RaisedAction.YoungAssessorEvidence));

        var audit = await scenario.Psw.GetOkAsync($"/api/audits/{auditId}");
        audit.Str("state").ShouldBe("ActionsOpen");
        var action = audit.Arr("actions").Single()!;
        var team = (await scenario.Psw.GetOkAsync("/api/teams")).AsArray().Single(t => t.Id() == action.Id("teamId"))!;
        var managerName = await app.WithDbAsync(db => db.Staff.Where(s => s.UserName == team.Str("teamManager")).Select(s => s.DisplayName).SingleAsync());
        return new RaisedAction(
            auditId,
            action.Id(),
            action.Str("criterion"),
            DateOnly.Parse(action.Str("dueOn"), System.Globalization.CultureInfo.InvariantCulture),
            team.Id(),
            team.Str("name"),
            team.Str("teamManager"),
            managerName,
            team.Str("serviceManager"));
    }

    /// <summary>
    /// Sets the clock to the morning after the action fell due and runs the timers, so that it is overdue and
    /// escalated; disposing sets the clock back where it was (the escalation stays, as it would).
    /// </summary>
    public static async Task<IAsyncDisposable> RunLateAsync(this AuditApiFactory app, RaisedAction action)
    {
        var before = app.Clock.GetUtcNow();
        app.Clock.AdjustTime(new DateTimeOffset(action.DueOn.AddDays(1).ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));
        await app.Services.GetRequiredService<TimerRunner>().RunDueAsync(CancellationToken.None);
        return new ClockRestore(app, before);
    }

    public static async Task<string> AuditStateAsync(this Scenario scenario, Guid auditId) =>
        (await scenario.Psw.GetOkAsync($"/api/audits/{auditId}")).Str("state");

    private static object Grading(IReadOnlyList<Guid> criteria, string belowTarget, string evidence) => new
    {
        grades = criteria.Select((id, i) => new
        {
            criterionId = id,
            grade = i == 2 ? belowTarget : "Good",
            evidence = i == 2 ? evidence : $"Evidence for criterion {i + 1} found in the review record.",
        }),
        overall = "Good",
    };

    private sealed class ClockRestore(AuditApiFactory app, DateTimeOffset before) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            app.Clock.AdjustTime(before);
            return ValueTask.CompletedTask;
        }
    }
}

