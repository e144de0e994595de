namespace Audit.Domain.Users;

/// <summary>The roles a caller can hold. Their names are the role claims in a token and the roles a workflow names.</summary>
public static class Role
{
    public const string PrincipalSocialWorker = nameof(PrincipalSocialWorker);
    public const string Auditor = nameof(Auditor);
    public const string YoungAssessor = nameof(YoungAssessor);
    public const string TeamManager = nameof(TeamManager);
    public const string ServiceManager = nameof(ServiceManager);

    /// <summary>A social worker whose case files are audited: sees the final grades of those audits and reflects on them.</summary>
    public const string Practitioner = nameof(Practitioner);

    public static readonly IReadOnlyList<string> All =
        [PrincipalSocialWorker, Auditor, YoungAssessor, TeamManager, ServiceManager, Practitioner];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
