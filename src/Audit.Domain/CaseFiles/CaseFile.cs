using Audit.Domain.Teams;

namespace Audit.Domain.CaseFiles;

/// <summary>
/// A child's record as the case-management system exports it: no name, no date of birth, only an age band.
/// </summary>
public sealed class CaseFile
{
    private CaseFile()
    {
    }

    public CaseFile(Guid id, string reference, Team team, Stage stage, string allocatedWorker, ChildAgeBand childAgeBand)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new DomainRuleException("A case file needs a reference.", nameof(reference));
        }

        Id = id;
        Reference = reference.Trim();
        TeamId = team.Id;
        ServiceArea = team.ServiceArea;
        Stage = stage;
        AllocatedWorker = allocatedWorker.Trim();
        ChildAgeBand = childAgeBand;
    }

    /// <summary>
    /// Brings the case file in line with a newer export from the case-management system. Answers whether anything
    /// changed: an export that says what the case file already says leaves it untouched.
    /// </summary>
    public bool Update(Team team, Stage stage, string allocatedWorker, ChildAgeBand childAgeBand)
    {
        var worker = allocatedWorker.Trim();
        if (TeamId == team.Id && ServiceArea == team.ServiceArea && Stage == stage && AllocatedWorker == worker && ChildAgeBand == childAgeBand)
        {
            return false;
        }

        TeamId = team.Id;
        ServiceArea = team.ServiceArea;
        Stage = stage;
        AllocatedWorker = worker;
        ChildAgeBand = childAgeBand;
        return true;
    }

    /// <summary>Whether this can be a worker's user name: up to <see cref="MaxWorkerUserNameLength"/> characters, no spaces.</summary>
    public static bool IsWorkerUserName(string userName) => userName.Length is > 0 and <= MaxWorkerUserNameLength && !userName.Any(char.IsWhiteSpace);

    /// <summary>Links the case file to its allocated worker's sign-in, or unlinks it with null. Answers whether anything changed.</summary>
    public bool LinkWorker(string? userName)
    {
        var linked = Users.UserNames.CanonicalOrNull(userName);
        if (linked is not null && !IsWorkerUserName(linked))
        {
            throw new DomainRuleException($"A worker's user name is 1 to {MaxWorkerUserNameLength} characters with no spaces.", "workerUserName");
        }

        if (WorkerUserName == linked)
        {
            return false;
        }

        WorkerUserName = linked;
        return true;
    }

    public Guid Id { get; private set; }
    public string Reference { get; private set; } = "";
    public Guid TeamId { get; private set; }
    public ServiceArea ServiceArea { get; private set; }
    public Stage Stage { get; private set; }
    public string AllocatedWorker { get; private set; } = "";

    /// <summary>The allocated worker's user name when they use this service (as a practitioner); null when they do not.</summary>
    public string? WorkerUserName { get; private set; }

    public const int MaxWorkerUserNameLength = 100;
    public ChildAgeBand ChildAgeBand { get; private set; }

    /// <summary>What an auditor has prepared for young assessors, with everything identifying taken out.</summary>
    public string? RedactedExtract { get; private set; }

    /// <summary>Who checked the extract and cleared it for young assessors; until then they do not see it.</summary>
    public string? ExtractClearedBy { get; private set; }

    public DateTimeOffset? ExtractClearedAt { get; private set; }

    public bool ExtractIsCleared => RedactedExtract is not null && ExtractClearedBy is not null;

    public const int MaxExtractLength = 8000;

    /// <summary>Replaces the extract. A changed extract must be cleared again before a young assessor sees it.</summary>
    public void PrepareExtract(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainRuleException("The extract is empty.", "text");
        }

        if (text.Trim().Length > MaxExtractLength)
        {
            throw new DomainRuleException($"An extract is at most {MaxExtractLength} characters.", "text");
        }

        RedactedExtract = text.Trim();
        ExtractClearedBy = null;
        ExtractClearedAt = null;
    }

    /// <summary>Starts every pseudonymised reference; no case-management export uses it.</summary>
    public const string PseudonymPrefix = "pseudonymised-";

    public const string PseudonymisedWorker = "Pseudonymised";

    public bool IsPseudonymised => Reference.StartsWith(PseudonymPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Past retention: the reference, the worker, their sign-in and the extract go, so that nothing left identifies the
    /// child or the worker; the team, stage and age band stay, and with them every grade, for the statistics.
    /// </summary>
    public void Pseudonymise()
    {
        if (IsPseudonymised)
        {
            return;
        }

        Reference = PseudonymPrefix + Guid.NewGuid().ToString("N")[..12];
        AllocatedWorker = PseudonymisedWorker;
        WorkerUserName = null;
        RedactedExtract = null;
        ExtractClearedBy = null;
        ExtractClearedAt = null;
    }

    /// <summary>Marks the extract as checked: nothing in it identifies the child, their family or the people working with them.</summary>
    public void ClearExtract(string by, DateTimeOffset at)
    {
        if (RedactedExtract is null)
        {
            throw new DomainConflictException("There is no extract to clear: prepare one first.");
        }

        ExtractClearedBy = by;
        ExtractClearedAt = at;
    }
}
