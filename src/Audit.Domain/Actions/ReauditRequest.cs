namespace Audit.Domain.Actions;

/// <summary>
/// A team manager, closing a follow-up action, asks for the same case file to be audited again after some weeks. The
/// next round that samples the case file's team, opened on or after <see cref="DueOn"/>, takes it (whatever the
/// "recently audited" rule says) and the request is then fulfilled by that audit.
/// </summary>
public sealed class ReauditRequest
{
    public const int MaxWeeks = 52;

    private ReauditRequest()
    {
    }

    /// <param name="calendar">The council's calendar: the re-audit is due the council's day so many weeks on.</param>
    public ReauditRequest(Guid id, Guid caseFileId, Guid auditId, Guid actionId, int afterWeeks, string requestedBy, DateTimeOffset requestedAt, Calendar.CouncilCalendar calendar)
    {
        if (afterWeeks is < 1 or > MaxWeeks)
        {
            throw new DomainRuleException($"A re-audit is asked for after 1 to {MaxWeeks} weeks.", "reauditAfterWeeks");
        }

        Id = id;
        CaseFileId = caseFileId;
        AuditId = auditId;
        ActionId = actionId;
        AfterWeeks = afterWeeks;
        ArgumentNullException.ThrowIfNull(calendar);
        DueOn = calendar.DaysFrom(requestedAt, 7 * afterWeeks);
        RequestedBy = requestedBy;
        RequestedAt = requestedAt;
    }

    public Guid Id { get; private set; }
    public Guid CaseFileId { get; private set; }

    /// <summary>The audit whose follow-up action asked for the re-audit: its final grades are what the re-audit is compared with.</summary>
    public Guid AuditId { get; private set; }

    public Guid ActionId { get; private set; }
    public int AfterWeeks { get; private set; }

    /// <summary>The first day a round may take the case file for its re-audit.</summary>
    public DateOnly DueOn { get; private set; }

    public string RequestedBy { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>The audit that re-audited the case file; null while still waiting.</summary>
    public Guid? FulfilledByAuditId { get; private set; }

    public Guid? FulfilledInRoundId { get; private set; }
    public DateTimeOffset? FulfilledAt { get; private set; }

    public void Fulfil(Guid roundId, Guid auditId, DateTimeOffset at)
    {
        if (FulfilledByAuditId is not null)
        {
            throw new DomainConflictException("This re-audit has already been done.");
        }

        FulfilledInRoundId = roundId;
        FulfilledByAuditId = auditId;
        FulfilledAt = at;
    }
}
