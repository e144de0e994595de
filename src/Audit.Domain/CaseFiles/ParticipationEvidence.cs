namespace Audit.Domain.CaseFiles;

/// <summary>
/// What the council's participation app (Mind of My Own is the common one) says about one child in one month: whether
/// they have an account, how many statements they made, how many of those came before a review, and whether they
/// contributed to their review. The child's own voice, beside the auditor's and the young assessor's grades.
/// </summary>
public sealed class ParticipationEvidence
{
    public const int MonthLength = 7;

    private ParticipationEvidence()
    {
    }

    public ParticipationEvidence(Guid id, Guid caseFileId, string month, bool hasAccount, int statements, int statementsBeforeReview, bool contributedToReview)
    {
        if (!IsMonth(month))
        {
            throw new DomainRuleException("A month is written YYYY-MM, for example 2026-11.", nameof(month));
        }

        Id = id;
        CaseFileId = caseFileId;
        Month = month;
        Set(hasAccount, statements, statementsBeforeReview, contributedToReview);
    }

    public Guid Id { get; private set; }
    public Guid CaseFileId { get; private set; }

    /// <summary>The calendar month, YYYY-MM.</summary>
    public string Month { get; private set; } = "";

    public bool HasAccount { get; private set; }
    public int Statements { get; private set; }
    public int StatementsBeforeReview { get; private set; }
    public bool ContributedToReview { get; private set; }

    /// <summary>True for a month written YYYY-MM (a real month; the year 2000 to 2099).</summary>
    public static bool IsMonth(string? month) =>
        month is { Length: MonthLength }
        && month[4] == '-'
        && int.TryParse(month.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
        && year is >= 2000 and <= 2099
        && int.TryParse(month.AsSpan(5, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
        && number is >= 1 and <= 12;

    /// <summary>Brings the month in line with a newer export; answers whether anything changed.</summary>
    public bool Update(bool hasAccount, int statements, int statementsBeforeReview, bool contributedToReview)
    {
        if (HasAccount == hasAccount && Statements == statements && StatementsBeforeReview == statementsBeforeReview && ContributedToReview == contributedToReview)
        {
            return false;
        }

        Set(hasAccount, statements, statementsBeforeReview, contributedToReview);
        return true;
    }

    private void Set(bool hasAccount, int statements, int statementsBeforeReview, bool contributedToReview)
    {
        if (statements < 0 || statementsBeforeReview < 0)
        {
            throw new DomainRuleException("Counts of statements are whole numbers of 0 or more.", nameof(statements));
        }

        if (statementsBeforeReview > statements)
        {
            throw new DomainRuleException("Statements made before a review are some of the month's statements, so no more than them.", nameof(statementsBeforeReview));
        }

        HasAccount = hasAccount;
        Statements = statements;
        StatementsBeforeReview = statementsBeforeReview;
        ContributedToReview = contributedToReview;
    }
}
