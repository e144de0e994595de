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

    public CaseFile(Guid id, string reference, Team team, Stage stage, string allocatedWorker, ChildAgeBand childAgeBand, string? redactedExtract = null)
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
        RedactedExtract = string.IsNullOrWhiteSpace(redactedExtract) ? null : redactedExtract.Trim();
    }

    public Guid Id { get; private set; }
    public string Reference { get; private set; } = "";
    public Guid TeamId { get; private set; }
    public ServiceArea ServiceArea { get; private set; }
    public Stage Stage { get; private set; }
    public string AllocatedWorker { get; private set; } = "";
    public ChildAgeBand ChildAgeBand { get; private set; }

    /// <summary>What an auditor has prepared for young assessors, with everything identifying taken out.</summary>
    public string? RedactedExtract { get; private set; }
}
