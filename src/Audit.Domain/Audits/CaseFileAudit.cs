using Audit.Domain.Actions;
using Audit.Domain.CaseFiles;
using Audit.Domain.Grading;
using Audit.Domain.Templates;
using Audit.Domain.Teams;

namespace Audit.Domain.Audits;

/// <summary>
/// One case file audited in one round. Its <see cref="State"/> is driven by the workflow it is pinned to; the
/// entity keeps the rules about grades and the append-only history.
/// </summary>
public sealed class CaseFileAudit
{
    public const string StartTrigger = "start";
    public const int MaxTextLength = 4000;

    private readonly List<Assignment> _assignments = [];
    private readonly List<AuditGrading> _gradings = [];
    private readonly List<ModeratedGrade> _moderation = [];
    private readonly List<FinalGrade> _finalGrades = [];
    private readonly List<HistoryEntry> _history = [];
    private readonly List<Concern> _concerns = [];

    private CaseFileAudit()
    {
    }

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public Guid TemplateId { get; private set; }
    public Guid CaseFileId { get; private set; }
    public Guid TeamId { get; private set; }
    public ServiceArea ServiceArea { get; private set; }
    public WorkflowPin Workflow { get; private set; } = null!;
    public string State { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>When the grades became final: the dashboard counts the audit in the period holding this moment.</summary>
    public DateTimeOffset? FinalisedAt { get; private set; }

    /// <summary>When the follow-up actions were raised: they are raised once.</summary>
    public DateTimeOffset? ActionsRaisedAt { get; private set; }

    /// <summary>The overall grade that counts: the moderator's if they gave one, otherwise the auditor's.</summary>
    public Grade? FinalOverall { get; private set; }

    /// <summary>Concurrency token: of two people changing the audit at once, the second is refused.</summary>
    public int Version { get; private set; }

    /// <summary>The hash of the newest history line, so that removing lines from the end is noticed too.</summary>
    public string HistoryHead { get; private set; } = "";

    /// <summary>How many lines the history holds, so that a new line is chained on without loading the others.</summary>
    public int HistoryLength { get; private set; }

    public IReadOnlyList<Assignment> Assignments => _assignments;
    public IReadOnlyList<AuditGrading> Gradings => _gradings;
    public IReadOnlyList<ModeratedGrade> Moderation => _moderation;
    public IReadOnlyList<FinalGrade> FinalGrades => _finalGrades;
    /// <summary>The history lines loaded with the audit (all of them, when asked for) and those added since.</summary>
    public IReadOnlyList<HistoryEntry> History => _history;
    public IReadOnlyList<Concern> Concerns => _concerns;

    public const string ConcernTrigger = "raiseConcern";

    /// <summary>
    /// Records a safeguarding concern. Never blocked by the audit's state: a child at risk comes before the process.
    /// The history shows it without its description, which stays with the concern.
    /// </summary>
    public Concern RaiseConcern(string by, string description, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            throw new DomainRuleException("Describe the concern.", "description");
        }

        if (description.Trim().Length > Concern.MaxDescriptionLength)
        {
            throw new DomainRuleException($"A concern is at most {Concern.MaxDescriptionLength} characters.", "description");
        }

        var concern = new Concern(Guid.CreateVersion7(), Id, by, description.Trim(), at);
        _concerns.Add(concern);
        RecordTransition(by, ConcernTrigger, State, State, "A safeguarding concern was raised.", at);
        return concern;
    }

    public static CaseFileAudit Start(
        Guid id,
        Guid roundId,
        Template template,
        CaseFile caseFile,
        WorkflowPin workflow,
        string initialState,
        IEnumerable<Assignment> assignments,
        string by,
        DateTimeOffset at)
    {
        var audit = new CaseFileAudit
        {
            Id = id,
            RoundId = roundId,
            TemplateId = template.Id,
            CaseFileId = caseFile.Id,
            TeamId = caseFile.TeamId,
            ServiceArea = caseFile.ServiceArea,
            Workflow = workflow,
            CreatedAt = at,
        };
        // Fresh instances: an assignment belongs to one audit, even when a round hands the same graders to many.
        audit._assignments.AddRange(assignments.Distinct().Select(a => a with { }));
        if (audit._assignments.FirstOrDefault(a => a.Role == GraderRole.YoungAssessor && audit._assignments.Contains(new Assignment(a.UserName, GraderRole.Auditor))) is { } both)
        {
            throw new DomainRuleException(BothAuditorAndYoungAssessor(both.UserName), ToField(GraderRole.YoungAssessor));
        }

        foreach (var required in template.Graders)
        {
            if (!audit._assignments.Any(a => a.Role == required))
            {
                throw new DomainRuleException($"The template asks for a grader in the role {required}.", ToField(required));
            }
        }

        audit.RecordTransition(by, StartTrigger, "", initialState, $"Started on {workflow.Name} v{workflow.Version}.", at);
        return audit;
    }

    /// <summary>Why one person may not be named as both the auditor and the young assessor of an audit.</summary>
    public static string BothAuditorAndYoungAssessor(string userName) =>
        $"{userName} cannot be both the auditor and the young assessor of an audit: the two views must come from two people.";

    /// <summary>Checks the chain; the whole history must be loaded.</summary>
    public HistoryChainCheck VerifyHistory() => HistoryChainCheck.Verify(_history, HistoryHead, HistoryLength);

    public IEnumerable<GraderRole> RolesOf(string userName) =>
        _assignments.Where(a => a.UserName == userName).Select(a => a.Role);

    public bool IsAssigned(string userName) => _assignments.Any(a => a.UserName == userName);

    /// <summary>Whether the person grades this audit only as its blind second auditor (and in no role that counts).</summary>
    public bool IsOnlySecondMarker(string userName) =>
        _assignments.Any(a => a.UserName == userName) && _assignments.Where(a => a.UserName == userName).All(a => a.Role == GraderRole.SecondAuditor);

    /// <summary>The gradings that count towards the audit: every one but the blind second auditor's.</summary>
    public IEnumerable<AuditGrading> CountingGradings() => _gradings.Where(g => g.Role != GraderRole.SecondAuditor);

    /// <summary>
    /// The role a grader grades in next: the first role they are assigned in and have not yet submitted in, else their
    /// first (whose second submission the audit refuses); null when they are not assigned.
    /// </summary>
    public GraderRole? RoleToGradeIn(string userName)
    {
        var roles = RolesOf(userName).ToList();
        return roles.Count == 0 ? null : roles.FirstOrDefault(r => !HasGraded(userName, r), roles[0]);
    }

    public bool HasGraded(string userName, GraderRole role) => _gradings.Any(g => g.Grader == userName && g.Role == role);

    public AuditGrading? GradingBy(GraderRole role) => _gradings.FirstOrDefault(g => g.Role == role);

    public AuditGrading RecordGrading(Template template, string grader, GraderRole role, IReadOnlyList<GradeEntry> grades, Grade overall, DateTimeOffset at)
    {
        RequireOwn(template);
        if (!_assignments.Contains(new Assignment(grader, role)))
        {
            throw new DomainRuleException($"{grader} is not assigned to grade this audit as {role}.");
        }

        if (HasGraded(grader, role))
        {
            throw new DomainConflictException("You have already submitted your grading for this audit.");
        }

        RequireGrade(overall, "overall");
        RequireEveryCriterionOnce(template, grades, "evidence", requireAll: true);
        var grading = new AuditGrading(
            Guid.CreateVersion7(),
            grader,
            role,
            grades.Select(g => new CriterionGrade(g.CriterionId, g.Grade, g.Text.Trim())),
            overall,
            at);
        _gradings.Add(grading);
        return grading;
    }

    public void RecordModeration(Template template, string moderator, IReadOnlyList<GradeEntry> grades, Grade? overall, DateTimeOffset at)
    {
        RequireOwn(template);
        if (_moderation.Count > 0)
        {
            throw new DomainConflictException("This audit has already been moderated.");
        }

        if (_finalGrades.Count > 0)
        {
            throw new DomainConflictException("This audit's grades are already final; they can no longer be moderated.");
        }

        if (overall is { } given)
        {
            RequireGrade(given, "overall");
        }

        RequireEveryCriterionOnce(template, grades, "reason", requireAll: false);
        _moderation.AddRange(grades.Select(g => new ModeratedGrade(g.CriterionId, g.Grade, g.Text.Trim(), moderator, at)));
        FinalOverall = overall;
    }

    /// <summary>True when every grader the template requires has submitted.</summary>
    public bool AllGradingsIn(Template template) =>
        RequireOwn(template).Graders.All(role => _assignments.Where(a => a.Role == role).All(a => HasGraded(a.UserName, role)));

    /// <summary>Every submitted grader's grade (but the blind second auditor's), criterion by criterion, in template order.</summary>
    public IReadOnlyList<IReadOnlyList<Grade>> GradesByCriterion(Template template) =>
        RequireOwn(template).Criteria
            .Select(c => (IReadOnlyList<Grade>)CountingGradings().Select(g => g.GradeFor(c.Id)).OfType<Grade>().ToList())
            .ToList();

    /// <summary>The grade that would be final now: the moderator's, else the auditor's, else the young assessor's.</summary>
    public Grade? GradeThatCounts(Guid criterionId) =>
        _moderation.FirstOrDefault(m => m.CriterionId == criterionId)?.Grade
        ?? GradingBy(GraderRole.Auditor)?.GradeFor(criterionId)
        ?? GradingBy(GraderRole.YoungAssessor)?.GradeFor(criterionId);

    public bool AnyGradeBelowTarget(Template template) =>
        RequireOwn(template).Criteria.Any(c => GradeThatCounts(c.Id) is { } grade && grade.IsBelow(template.Target.AtLeast));

    /// <summary>Fixes the grades that count. Runs once; later calls leave the final grades as they are.</summary>
    public void FinaliseGrades(Template template, DateTimeOffset at)
    {
        RequireOwn(template);
        if (_finalGrades.Count > 0)
        {
            return;
        }

        FinalisedAt = at;

        foreach (var criterion in template.Criteria)
        {
            if (GradeThatCounts(criterion.Id) is { } grade)
            {
                var moderated = _moderation.Any(m => m.CriterionId == criterion.Id);
                _finalGrades.Add(new FinalGrade(Id, TemplateId, ServiceArea, TeamId, criterion.Id, grade, moderated, at));
            }
        }

        // The young assessor's overall grade informs moderation but never stands as the audit's: no auditor's, no overall.
        FinalOverall ??= GradingBy(GraderRole.Auditor)?.Overall;
    }

    /// <summary>One follow-up action for each criterion whose final grade is below the template's target grade.</summary>
    public IReadOnlyList<FollowUpAction> RaiseFollowUpActions(Template template, Team team, DateOnly dueOn, DateTimeOffset at)
    {
        RequireOwn(template);
        if (team.Id != TeamId)
        {
            throw new ArgumentException("Actions go to the case file's own team.", nameof(team));
        }

        if (_finalGrades.Count == 0)
        {
            throw new InvalidOperationException("Finalise the grades before raising follow-up actions: actions follow the grades that count.");
        }

        if (ActionsRaisedAt is not null)
        {
            throw new DomainConflictException("This audit's follow-up actions have already been raised.");
        }

        ActionsRaisedAt = at;
        return _finalGrades
            .Where(f => f.Grade.IsBelow(template.Target.AtLeast))
            .Select(f => new FollowUpAction(Guid.CreateVersion7(), Id, f.CriterionId, f.Grade, team.Id, team.TeamManager, dueOn, at))
            .ToList();
    }

    public void MarkCompleted(DateTimeOffset at) => CompletedAt ??= at;

    /// <summary>Moves the audit to its new state and appends the history line. Every change goes through here.</summary>
    public void RecordTransition(string by, string trigger, string fromState, string toState, string detail, DateTimeOffset at)
    {
        if (fromState != State)
        {
            throw new InvalidOperationException($"The audit is in {State}, not {fromState}.");
        }

        var entry = new HistoryEntry(Id, HistoryLength + 1, at, by, trigger, fromState, toState, detail, HistoryHead);
        _history.Add(entry);
        HistoryHead = entry.Hash;
        HistoryLength = entry.Sequence;
        State = toState;
        Version++;
    }

    /// <summary>
    /// Refuses a template that is not the audit's own version: its criteria, target and graders are the ones the audit
    /// started on, and another template's (or another version's) would grade it against the wrong questions.
    /// </summary>
    private Template RequireOwn(Template template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Id != TemplateId)
        {
            throw new ArgumentException($"Template {template.Id} is not this audit's own (version {TemplateId}).", nameof(template));
        }

        return template;
    }

    private static void RequireGrade(Grade grade, string field)
    {
        if (!grade.IsDefined())
        {
            throw new DomainRuleException($"'{grade}' is not a grade.", field);
        }
    }

    private static void RequireEveryCriterionOnce(Template template, IReadOnlyList<GradeEntry> grades, string textName, bool requireAll)
    {
        for (var i = 0; i < grades.Count; i++)
        {
            var entry = grades[i];
            if (!template.HasCriterion(entry.CriterionId))
            {
                throw new DomainRuleException($"Criterion {entry.CriterionId} is not part of this audit's template.", $"grades[{i}].criterionId");
            }

            if (grades.Take(i).Any(g => g.CriterionId == entry.CriterionId))
            {
                throw new DomainRuleException("Each criterion is graded once.", $"grades[{i}].criterionId");
            }

            RequireGrade(entry.Grade, $"grades[{i}].grade");
            if (string.IsNullOrWhiteSpace(entry.Text))
            {
                throw new DomainRuleException($"Give the {textName} for each grade.", $"grades[{i}].{textName}");
            }

            if (entry.Text.Trim().Length > MaxTextLength)
            {
                throw new DomainRuleException($"The {textName} is at most {MaxTextLength} characters.", $"grades[{i}].{textName}");
            }
        }

        if (requireAll)
        {
            var missing = template.Criteria.Where(c => grades.All(g => g.CriterionId != c.Id)).ToList();
            if (missing.Count > 0)
            {
                throw new DomainRuleException(
                    $"Every criterion must be graded; missing: {string.Join("; ", missing.Select(c => c.Title))}.",
                    "grades");
            }
        }

        if (!requireAll && grades.Count == 0)
        {
            throw new DomainRuleException("Give at least one moderated grade.", "grades");
        }
    }

    private static string ToField(GraderRole role) => role == GraderRole.Auditor ? "auditor" : "youngAssessor";
}
