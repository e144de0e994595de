using Audit.Domain.Teams;
using Cronos;

namespace Audit.Domain.Rounds;

/// <summary>
/// A recurring audit programme: on each tick of its schedule it opens a round from its template, sample rule and
/// grader pools. Periods missed while the service was down are caught up once, not once per missed tick.
/// </summary>
public sealed class RoundPlan
{
    private readonly List<string> _auditors = [];
    private readonly List<string> _youngAssessors = [];
    private readonly List<ServiceArea> _serviceAreas = [];
    private readonly List<Guid> _teams = [];

    private RoundPlan()
    {
    }

    public RoundPlan(
        Guid id,
        string name,
        Guid templateId,
        string schedule,
        int dueInDays,
        SampleRule sample,
        IEnumerable<string> auditors,
        IEnumerable<string> youngAssessors,
        string createdBy,
        DateTimeOffset createdAt,
        int secondMarkingPercent = 0)
    {
        RequireValid(name, schedule, dueInDays, secondMarkingPercent);
        var (auditorPool, youngAssessorPool) = Pools(auditors, youngAssessors);
        SecondMarkingPercent = secondMarkingPercent;
        Id = id;
        Name = name.Trim();
        TemplateId = templateId;
        Schedule = schedule.Trim();
        DueInDays = dueInDays;
        SamplePerTeam = sample.PerTeam;
        SampleExcludeAuditedWithinMonths = sample.ExcludeAuditedWithinMonths;
        _serviceAreas.AddRange(sample.ServiceAreas);
        _teams.AddRange(sample.Teams);
        Active = true;
        _auditors.AddRange(auditorPool);
        _youngAssessors.AddRange(youngAssessorPool);
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Guid TemplateId { get; private set; }

    /// <summary>A cron expression (five fields, UTC), for example "0 6 1 * *": 06:00 on the first of each month.</summary>
    public string Schedule { get; private set; } = "";

    public int DueInDays { get; private set; }

    /// <summary>The share of each round's audits (0 to 100) a second auditor grades blind.</summary>
    public int SecondMarkingPercent { get; private set; }
    public int SamplePerTeam { get; private set; }
    public int SampleExcludeAuditedWithinMonths { get; private set; }
    public IReadOnlyList<ServiceArea> ServiceAreas => _serviceAreas;
    public IReadOnlyList<Guid> Teams => _teams;
    public IReadOnlyList<string> Auditors => _auditors;
    public IReadOnlyList<string> YoungAssessors => _youngAssessors;
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The schedule tick the latest round was opened for.</summary>
    public DateTimeOffset? LastOpenedFor { get; private set; }

    public int Version { get; private set; }

    /// <summary>A paused plan opens nothing; resumed, it opens from the next tick after resuming.</summary>
    public bool Active { get; private set; }

    /// <summary>When the plan was last resumed, or its schedule last changed: it opens only for ticks after this.</summary>
    public DateTimeOffset? ResumedAt { get; private set; }

    /// <summary>Where to look for the next tick from: the last one opened, the last resumption or schedule change, or the plan's creation.</summary>
    public DateTimeOffset OpenedUpTo => new[] { LastOpenedFor, ResumedAt, CreatedAt }.Max() ?? CreatedAt;

    public void Pause()
    {
        Active = false;
        Version++;
    }

    public void Resume(DateTimeOffset at)
    {
        if (!Active)
        {
            Active = true;
            ResumedAt = at;
            Version++;
        }
    }

    public void RecordOpened(DateTimeOffset tick)
    {
        if (tick <= OpenedUpTo)
        {
            throw new DomainConflictException("A round for this period has already been opened.");
        }

        LastOpenedFor = tick;
        Version++;
    }

    /// <summary>
    /// The ticks the plan will open rounds for, from <see cref="OpenedUpTo"/> on, soonest first; none while paused.
    /// The one answer to "when does it open": the runner opens <see cref="DueOpening"/> from it, and the plan's page
    /// shows the next few.
    /// </summary>
    public IEnumerable<DateTimeOffset> NextOpenings()
    {
        if (!Active)
        {
            yield break;
        }

        var cron = CronExpression.Parse(Schedule);
        var from = OpenedUpTo.UtcDateTime;
        while (cron.GetNextOccurrence(from) is { } next)
        {
            yield return new DateTimeOffset(next, TimeSpan.Zero);
            from = next;
        }
    }

    /// <summary>
    /// The tick a round is due for at <paramref name="now"/>: the latest of <see cref="NextOpenings"/> that has
    /// passed, so periods missed while the service was down are opened once; null when none has passed.
    /// </summary>
    public DateTimeOffset? DueOpening(DateTimeOffset now)
    {
        DateTimeOffset? due = null;
        foreach (var tick in NextOpenings())
        {
            if (tick > now)
            {
                break;
            }

            due = tick;
        }

        return due;
    }

    /// <summary>
    /// Changes the plan as the PSW edits it. <paramref name="expectedVersion"/> is the version they edited: if someone
    /// changed the plan since (or a round opened), the edit is refused. A new schedule counts from now, so an edit
    /// never opens a round for a tick in the past. Rounds already opened keep what they were opened with.
    /// </summary>
    public void Edit(
        int expectedVersion,
        string name,
        Guid templateId,
        string schedule,
        int dueInDays,
        SampleRule sample,
        IEnumerable<string> auditors,
        IEnumerable<string> youngAssessors,
        DateTimeOffset at,
        int secondMarkingPercent = 0)
    {
        if (expectedVersion != Version)
        {
            throw new DomainConflictException(
                $"Someone else changed this round plan (or it opened a round) after you opened it: it is now at version {Version}, not {expectedVersion}. Reload it and make your change again.");
        }

        RequireValid(name, schedule, dueInDays, secondMarkingPercent);
        var (auditorPool, youngAssessorPool) = Pools(auditors, youngAssessors);
        if (!string.Equals(schedule.Trim(), Schedule, StringComparison.Ordinal))
        {
            ResumedAt = at;
        }

        Name = name.Trim();
        TemplateId = templateId;
        Schedule = schedule.Trim();
        DueInDays = dueInDays;
        SamplePerTeam = sample.PerTeam;
        SampleExcludeAuditedWithinMonths = sample.ExcludeAuditedWithinMonths;
        _serviceAreas.Clear();
        _serviceAreas.AddRange(sample.ServiceAreas);
        _teams.Clear();
        _teams.AddRange(sample.Teams);
        _auditors.Clear();
        _auditors.AddRange(auditorPool);
        _youngAssessors.Clear();
        _youngAssessors.AddRange(youngAssessorPool);
        SecondMarkingPercent = secondMarkingPercent;
        Version++;
    }

    /// <summary>The grader pools with each user name in its canonical form, no one named in both.</summary>
    private static (IReadOnlyList<string> Auditors, IReadOnlyList<string> YoungAssessors) Pools(IEnumerable<string> auditors, IEnumerable<string> youngAssessors)
    {
        var auditorPool = Users.UserNames.Canonical(auditors, nameof(auditors));
        var youngAssessorPool = Users.UserNames.Canonical(youngAssessors, nameof(youngAssessors));
        GraderAssignment.RequireSeparatePools(auditorPool, youngAssessorPool, nameof(youngAssessors));
        return (auditorPool, youngAssessorPool);
    }

    private static void RequireValid(string name, string schedule, int dueInDays, int secondMarkingPercent)
    {
        if (secondMarkingPercent is < 0 or > SecondMarking.MaxPercent)
        {
            throw new DomainRuleException("The share for second marking is a whole number from 0 to 100.", nameof(secondMarkingPercent));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleException("A round plan needs a name.", nameof(name));
        }

        if (string.IsNullOrWhiteSpace(schedule) || !CronExpression.TryParse(schedule.Trim(), out _))
        {
            throw new DomainRuleException("The schedule must be a cron expression of five fields.", nameof(schedule));
        }

        if (dueInDays is < 1 or > 365)
        {
            throw new DomainRuleException("Each round is due 1 to 365 days after it opens.", nameof(dueInDays));
        }
    }
}
