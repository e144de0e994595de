using System.Globalization;
using Audit.Domain;
using Audit.Domain.Actions;
using Audit.Domain.Audits;
using Audit.Domain.CaseFiles;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using Audit.Domain.Templates;
using Audit.Domain.Users;
using Audit.Workflows.Catalogue;
using Audit.Workflows.Definitions;
using Audit.Workflows.Runtime;

namespace Audit.Workflows.Simulation;

/// <summary>
/// Runs a scenario through a definition on an imagined audit held in memory: the same runtime, guards, activities
/// and facts as real audits, and the audit's own rules for grades and actions. Nothing is stored.
/// </summary>
public static class WorkflowSimulator
{
    /// <summary>The imagined audit starts at midnight on this day; steps and timers are counted in days from it.</summary>
    public static readonly DateTimeOffset StartsAt = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The simulation numbers its days from a midnight in UTC, in a January with no change of clocks: it counts days in UTC.</summary>
    private static readonly Audit.Domain.Calendar.CouncilCalendar Calendar = Audit.Domain.Calendar.CouncilCalendar.Utc;

    public static SimulationResult Run(WorkflowDefinition definition, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(scenario);
        return new SimulatedAudit(definition, scenario).Run();
    }

    private sealed class SimulatedAudit
    {
        private const string Moderator = Role.PrincipalSocialWorker;
        private const string Manager = Role.TeamManager;
        private const string System = "system";

        private readonly WorkflowDefinition _definition;
        private readonly Scenario _scenario;
        private readonly Template _template;
        private readonly Team _team;
        private readonly CaseFileAudit _audit;
        private readonly List<FollowUpAction> _actions = [];
        private readonly List<SimulationStep> _steps = [];
        private readonly List<string> _notes = [];
        private readonly List<(TimerDefinition Timer, DateTimeOffset Due)> _pending = [];
        private bool _stopped;
        private bool _cancelled;

        public SimulatedAudit(WorkflowDefinition definition, Scenario scenario)
        {
            _definition = definition;
            _scenario = scenario;
            var graders = scenario.Gradings.Select(g => g.Role).Prepend(GraderRole.Auditor).Distinct().ToList();
            var criteria = Enumerable.Range(1, scenario.CriterionCount).Select(n => ($"Criterion {n}", ""));
            _template = new Template(Guid.CreateVersion7(), "Imagined template", criteria, new Target(scenario.Target, 65), graders, System, StartsAt);
            _team = new Team(Guid.CreateVersion7(), "Imagined team", ServiceArea.ChildrenInNeed, Manager, Role.ServiceManager);
            var caseFile = new CaseFile(Guid.CreateVersion7(), "IMAGINED-1", _team, Stage.Plan, "worker", ChildAgeBand.TenToFifteen);
            _audit = CaseFileAudit.Start(
                Guid.CreateVersion7(),
                Guid.CreateVersion7(),
                _template,
                caseFile,
                new WorkflowPin(definition.Name, definition.Version, definition.ContentHash),
                definition.InitialState,
                graders.Select(r => new Assignment(r.ToString(), r)),
                Moderator,
                StartsAt);
        }

        private DateOnly RoundDue => DateOnly.FromDateTime(StartsAt.UtcDateTime).AddDays(_scenario.RoundDueInDays);

        private bool Ended => _stopped || _definition.IsFinal(_audit.State);

        public SimulationResult Run()
        {
            Begin();
            if (_scenario.CancelIn is { } cancelIn && _definition.State(cancelIn) is null)
            {
                _notes.Add($"'{cancelIn}' is not a state of this definition, so the audit is never cancelled.");
            }

            CancelIfAsked();
            foreach (var grading in _scenario.Gradings)
            {
                if (Ended)
                {
                    _notes.Add($"The audit was already {_audit.State} when the {Words(grading.Role.ToString())} would have submitted.");
                    break;
                }

                Submit(grading);
            }

            Moderate();
            CloseActions();
            WaitForTimers();
            return new SimulationResult(_steps, _audit.State, _notes);
        }

        private void Begin()
        {
            var started = WorkflowRuntime.Start(_definition);
            var step = new StepEffects();
            foreach (var effect in started.Effects)
            {
                Apply(effect, StartsAt, step);
            }

            _steps.Add(new SimulationStep(0, "", CaseFileAudit.StartTrigger, Moderator, started.State, "", step.Actions, step.Notifications, Schedule(StartsAt)));
        }

        private void Submit(ScenarioGrading grading)
        {
            var entries = _template.Criteria
                .Select(c => new GradeEntry(c.Id, grading.Grades[c.Position], "Imagined evidence."))
                .ToList();
            _audit.RecordGrading(_template, grading.Role.ToString(), grading.Role, entries, grading.Overall, StartsAt);
            Fire(Triggers.SubmitGrading, grading.Role.ToString());
            CancelIfAsked();
        }

        private void Moderate()
        {
            if (Ended || !MayFire(Triggers.Moderate, Moderator))
            {
                if (_scenario.Moderation is not null)
                {
                    _notes.Add("The audit never waited for moderation, so the moderator's grades were not used.");
                }

                return;
            }

            var changes = _scenario.Moderation?.Grades ?? new Dictionary<int, Grade>();
            var entries = _template.Criteria
                .Where(c => changes.ContainsKey(c.Position))
                .Select(c => new GradeEntry(c.Id, changes[c.Position], "Imagined reason."))
                .ToList();
            _audit.RecordModeration(_template, Moderator, entries, _scenario.Moderation?.Overall, StartsAt);
            Fire(Triggers.Moderate, Moderator);
            CancelIfAsked();
        }

        private void CloseActions()
        {
            var toClose = _scenario.CloseActions ?? int.MaxValue;
            var closed = 0;
            while (!Ended && closed < toClose && _actions.FirstOrDefault(a => a.IsOpen) is { } open && MayFire(Triggers.CloseAction, Manager))
            {
                open.Close("Imagined: what changed for the child.", Manager, StartsAt);
                closed++;
                Fire(Triggers.CloseAction, Manager);
                CancelIfAsked();
            }
        }

        /// <summary>The audit waits where it is: each timer still set for its state fires on its day, in order.</summary>
        private void WaitForTimers()
        {
            if (Ended)
            {
                return;
            }

            foreach (var (timer, due) in _pending.OrderBy(p => p.Due).ToList())
            {
                var state = _audit.State;
                var step = new StepEffects();
                _audit.RecordTransition(System, $"timer:{timer.Name}", state, state, $"The {timer.Name} timer fired.", due);
                foreach (var effect in WorkflowRuntime.TimerEffects(_definition, state, timer.Name))
                {
                    Apply(effect, due, step);
                }

                _steps.Add(new SimulationStep(Day(due), state, $"timer:{timer.Name}", System, state, "", step.Actions, step.Notifications, []));
            }
        }

        private void CancelIfAsked()
        {
            if (!_cancelled && !Ended && _scenario.CancelIn == _audit.State)
            {
                _cancelled = true;
                Fire(Triggers.Cancel, Moderator);
            }
        }

        private bool MayFire(string trigger, string role) =>
            WorkflowRuntime.PermittedTriggers(_definition, _audit.State, Actor(role), Facts()).Contains(trigger);

        private void Fire(string trigger, string role)
        {
            var from = _audit.State;
            var facts = Facts();
            var taken = WorkflowRuntime.TransitionTaken(_definition, from, trigger, facts);
            switch (WorkflowRuntime.Fire(_definition, from, trigger, Actor(role), facts))
            {
                case TriggerForbidden forbidden:
                    Stop($"The {Words(role)} may not {trigger}: only {string.Join(" or ", forbidden.AllowedRoles.Select(Words))} may, so the audit stays in {from}.");
                    break;
                case TriggerNotPermitted notPermitted:
                    var permitted = notPermitted.PermittedTriggers.Count == 0 ? "nothing" : string.Join(", ", notPermitted.PermittedTriggers);
                    Stop($"{trigger} by the {Words(role)} cannot fire in {from} (the {Words(role)} may fire {permitted} there), so the audit stays in {from}.");
                    break;
                case Transitioned moved:
                    _audit.RecordTransition(role, trigger, moved.From, moved.To, "Imagined.", StartsAt);
                    var step = new StepEffects();
                    foreach (var effect in moved.Effects)
                    {
                        Apply(effect, StartsAt, step);
                    }

                    var timers = moved.StateChanged ? Schedule(StartsAt) : [];
                    var guards = taken is null ? "" : WorkflowRuntime.GuardLabel(_definition, taken);
                    _steps.Add(new SimulationStep(0, moved.From, trigger, role, moved.To, guards, step.Actions, step.Notifications, timers));
                    break;
            }
        }

        private void Stop(string why)
        {
            _stopped = true;
            _notes.Add(why);
        }

        /// <summary>Sets the timers of the state just entered, as the host does, replacing those of the state left.</summary>
        private List<SimulatedTimer> Schedule(DateTimeOffset now)
        {
            _pending.Clear();
            var actionsDue = _actions.Where(a => a.IsOpen).Select(a => (DateOnly?)a.DueOn).Min();
            var set = new List<SimulatedTimer>();
            foreach (var timer in WorkflowRuntime.Timers(_definition, _audit.State))
            {
                if (TimerDue.At(timer, now, RoundDue, actionsDue, Calendar) is { } due)
                {
                    _pending.Add((timer, due));
                    set.Add(new SimulatedTimer(timer.Name, _audit.State, Day(due), TimerDue.Describe(timer)));
                }
                else
                {
                    _notes.Add($"The {timer.Name} timer of {_audit.State} is not set: the audit has no open follow-up actions to count from.");
                }
            }

            return set;
        }

        private void Apply(Effect effect, DateTimeOffset now, StepEffects step)
        {
            try
            {
                switch (effect)
                {
                    case FinaliseGrades:
                        _audit.FinaliseGrades(_template, now);
                        step.Actions.Add("Grades made final: " + string.Join(", ", _audit.FinalGrades.Select(f =>
                            $"criterion {_template.Criteria.Single(c => c.Id == f.CriterionId).Position + 1} {Words(f.Grade.ToString())}")) + ".");
                        break;
                    case RaiseFollowUpActions raise:
                        var raised = _audit.RaiseFollowUpActions(_template, _team, raise.DueOn(now, Calendar), now);
                        _actions.AddRange(raised);
                        step.Actions.Add(raised.Count == 0
                            ? "No follow-up actions: no grade that counts is below the target."
                            : $"{Count(raised.Count, "follow-up action")} raised for the team manager (criteria {string.Join(", ", raised.Select(a => _template.Criteria.Single(c => c.Id == a.CriterionId).Position + 1))}), due on day {Day(raise.DueOn(now, Calendar))}.");
                        break;
                    case MarkCompleted:
                        _audit.MarkCompleted(now);
                        step.Actions.Add("Audit marked completed.");
                        break;
                    case CancelOpenActions:
                        var open = _actions.Count(a => a.IsOpen);
                        _actions.Where(a => a.IsOpen).ToList().ForEach(a => a.Cancel(Moderator, now));
                        step.Actions.Add($"{Count(open, "open follow-up action")} cancelled.");
                        break;
                    case Notify notify:
                        step.Notifications.Add(new SimulatedNotification(notify.Role, notify.Kind.ToString(), notify.Message));
                        break;
                    case RemindGraders:
                        var waiting = _audit.Assignments.Where(a => !_audit.HasGraded(a.UserName, a.Role)).Select(a => a.Role.ToString()).ToList();
                        if (waiting.Count > 0)
                        {
                            step.Notifications.Add(new SimulatedNotification(string.Join(", ", waiting), nameof(Domain.Notifications.NotificationKind.Reminder), RemindGraders.Message));
                        }
                        else
                        {
                            step.Actions.Add("No reminder: every grader has submitted.");
                        }

                        break;
                    case EscalateOverdueActions escalate:
                        var today = Calendar.Today(now);
                        var escalated = _actions.Where(a => a.Escalate(escalate.Level, today, now)).ToList();
                        step.Actions.Add($"{Count(escalated.Count, "overdue follow-up action")} escalated to level {escalate.Level}.");
                        step.Notifications.AddRange(escalated.Select(_ =>
                            new SimulatedNotification(Role.ServiceManager, nameof(Domain.Notifications.NotificationKind.Escalation), escalate.Message)));
                        break;
                    default:
                        step.Actions.Add($"{effect.GetType().Name} (the simulator cannot show this yet).");
                        break;
                }
            }
            catch (Exception refused) when (refused is DomainRuleException or DomainConflictException or InvalidOperationException)
            {
                step.Actions.Add($"Refused: {refused.Message}");
            }
        }

        private AuditFacts Facts() => AuditFacts.Of(_audit, _template, _actions);

        private static Actor Actor(string role) => new(role, new HashSet<string>(StringComparer.Ordinal) { role });

        private static int Day(DateTimeOffset at) => (int)Math.Round((at - StartsAt).TotalDays);

        private static int Day(DateOnly on) => on.DayNumber - DateOnly.FromDateTime(StartsAt.UtcDateTime).DayNumber;

        private static string Count(int n, string thing) => string.Create(CultureInfo.InvariantCulture, $"{n} {thing}{(n == 1 ? "" : "s")}");

        /// <summary>"YoungAssessor" as "young assessor".</summary>
        private static string Words(string name) =>
            string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : i == 0 ? char.ToLowerInvariant(c).ToString() : c.ToString()));
    }

    private sealed class StepEffects
    {
        public List<string> Actions { get; } = [];

        public List<SimulatedNotification> Notifications { get; } = [];
    }
}
