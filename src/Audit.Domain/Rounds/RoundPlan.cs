using Audit.Domain.Teams;

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
        DateTimeOffset createdAt)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleException("A round plan needs a name.", nameof(name));
        }

        if (dueInDays is < 1 or > 365)
        {
            throw new DomainRuleException("Each round is due 1 to 365 days after it opens.", nameof(dueInDays));
        }

        Id = id;
        Name = name.Trim();
        TemplateId = templateId;
        Schedule = schedule;
        DueInDays = dueInDays;
        SamplePerTeam = sample.PerTeam;
        SampleExcludeAuditedWithinMonths = sample.ExcludeAuditedWithinMonths;
        _serviceAreas.AddRange(sample.ServiceAreas);
        _teams.AddRange(sample.Teams);
        Active = true;
        _auditors.AddRange(auditors);
        _youngAssessors.AddRange(youngAssessors);
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Guid TemplateId { get; private set; }

    /// <summary>A cron expression (five fields, UTC), for example "0 6 1 * *": 06:00 on the first of each month.</summary>
    public string Schedule { get; private set; } = "";

    public int DueInDays { get; private set; }
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

    public DateTimeOffset? ResumedAt { get; private set; }

    /// <summary>Where to look for the next tick from: the last one opened, the last resumption, or the plan's creation.</summary>
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
}
