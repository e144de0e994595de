using Audit.Domain.Grading;

namespace Audit.Domain.Users;

/// <summary>Someone who may sign in: their user name, the name shown to colleagues, their roles and, for team managers, their team.</summary>
public sealed class StaffMember
{
    private readonly List<string> _roles = [];

    private StaffMember()
    {
    }

    public StaffMember(string userName, string displayName, IEnumerable<string> roles, Guid? teamId = null)
    {
        UserName = UserNames.Canonical(userName, nameof(userName));
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? UserName : displayName.Trim();
        foreach (var role in roles.Distinct(StringComparer.Ordinal))
        {
            if (!Role.IsKnown(role))
            {
                throw new DomainRuleException($"'{role}' is not a role.", nameof(roles));
            }

            _roles.Add(role);
        }

        TeamId = teamId;
    }

    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public IReadOnlyList<string> Roles => _roles;
    public Guid? TeamId { get; private set; }

    public bool IsIn(string role) => _roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Whether the person holds the role a grader role asks for: only an auditor audits, only a young assessor assesses.</summary>
    public bool MayGradeAs(GraderRole role) => IsIn(role.HeldAs());

    /// <summary>Refuses to name the person as a grader in a role they do not hold.</summary>
    public void EnsureMayGradeAs(GraderRole role, string field)
    {
        if (!MayGradeAs(role))
        {
            throw new DomainRuleException($"{UserName} cannot grade as {(role == GraderRole.YoungAssessor ? "a young assessor" : "an auditor")}: they do not hold that role.", field);
        }
    }
}
