namespace Audit.Domain.Rounds;

/// <summary>A planned batch of audits: one template, a deadline, and the case files sampled for it.</summary>
public sealed class Round
{
    private Round()
    {
    }

    /// <param name="calendar">The council's calendar, whose today the due date may not be before (England's when not given).</param>
    public Round(Guid id, string name, Guid templateId, DateOnly dueOn, string createdBy, DateTimeOffset createdAt, Calendar.CouncilCalendar? calendar = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleException("A round needs a name.", nameof(name));
        }

        if (dueOn < (calendar ?? Calendar.CouncilCalendar.London).Today(createdAt))
        {
            throw new DomainRuleException("A round is due today or later.", nameof(dueOn));
        }

        Id = id;
        Name = name.Trim();
        TemplateId = templateId;
        DueOn = dueOn;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    /// <summary>The sampling rule the round was drawn with, seed included, so that the draw can be repeated and checked.</summary>
    public int? SamplePerTeam { get; private set; }

    public int? SampleExcludeAuditedWithinMonths { get; private set; }

    public int? SampleSeed { get; private set; }

    public void RecordSample(SampleRule rule)
    {
        SamplePerTeam = rule.PerTeam;
        SampleExcludeAuditedWithinMonths = rule.ExcludeAuditedWithinMonths;
        SampleSeed = rule.Seed;
    }

    /// <summary>The share of the round's audits (0 to 100) a second auditor grades blind, drawn with the round's seed.</summary>
    public int SecondMarkingPercent { get; private set; }

    public void RecordSecondMarking(int percent)
    {
        if (percent is < 0 or > SecondMarking.MaxPercent)
        {
            throw new DomainRuleException("The share for second marking is a whole number from 0 to 100.", "secondMarkingPercent");
        }

        SecondMarkingPercent = percent;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Guid TemplateId { get; private set; }
    public DateOnly DueOn { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
}
